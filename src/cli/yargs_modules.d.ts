// Modules of yargs' packages that ship no types; src/cli/yargs_platform.ts gives them theirs.
declare module "yargs-factory";
declare module "yargs-parser/browser";
declare module "cliui";
