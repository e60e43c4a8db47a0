import { BrokenPipe } from "../errors.ts";

/**
 * Writes a command's output once its answer (the exit status) is known. A reader that
 * goes away mid-way (`| head`) ends the output quietly; the command still answers
 * `status`, so `report | head` fails as `report` does.
 */
export function writeAnswer(status: number, write: () => void): number {
  try {
    write();
  } catch (error) {
    if (!(error instanceof BrokenPipe)) throw error;
  }
  return status;
}
