/**
 * The page's script: the timeline zooms (wheel, drag, buttons) by changing its viewBox
 * and redraws its axis; a mark's `data-t` shows in a tooltip on hover (as text, never
 * as HTML); a table sorts by the header clicked. No request, no library.
 */
export const PAGE_SCRIPT = `
(() => {
  const tip = document.getElementById("tip");
  const svg = document.getElementById("tl");
  let label = null;
  const text = (e) => {
    const t = e.target instanceof Element ? e.target.closest("[data-t],[data-c]") : null;
    if (!t) return null;
    if (t.hasAttribute("data-t")) return t.getAttribute("data-t");
    // A density lane: the column under the pointer, from its counts.
    const point = svg.createSVGPoint();
    point.x = e.clientX;
    point.y = e.clientY;
    const x = point.matrixTransform(svg.getScreenCTM().inverse()).x;
    const bins = Number(svg.dataset.bins);
    const b = Math.max(0, Math.min(bins - 1, Math.floor(x / 1000 * bins)));
    const c = Number(t.dataset.c.split(",")[b]), f = Number(t.dataset.f.split(",")[b]);
    return t.dataset.lane + ": " + c + " executions" + (f ? ", " + f + " failed" : "") + ", started " +
      label(b * 1000 / bins) + " to " + label((b + 1) * 1000 / bins);
  };
  const show = (e) => {
    const value = text(e);
    if (value === null) { tip.hidden = true; return; }
    if (tip.textContent !== value) tip.textContent = value;
    tip.hidden = false;
    tip.style.left = Math.min(e.clientX + 12, innerWidth - tip.offsetWidth - 4) + "px";
    tip.style.top = (e.clientY + 14) + "px";
  };
  document.addEventListener("mouseover", show);
  document.addEventListener("mousemove", show);
  if (svg) {
    const height = svg.viewBox.baseVal.height;
    const from = Number(svg.dataset.from), to = Number(svg.dataset.to), wall = svg.dataset.clock === "wall";
    const offset = Number(svg.dataset.offset || 0) * 60000;
    const axis = document.getElementById("axis");
    let v0 = 0, v1 = 1000;
    label = (x) => {
      const ms = from + (to - from) * x / 1000;
      if (!wall) return "+" + ((ms - from) / 1000).toFixed(3) + "s";
      return new Date(ms + offset).toISOString().slice(11, 23);
    };
    const draw = () => {
      svg.setAttribute("viewBox", v0 + " 0 " + (v1 - v0) + " " + height);
      axis.textContent = "";
      for (let k = 0; k <= 5; k++) {
        const span = document.createElement("span");
        span.style.left = (k * 20) + "%";
        if (k === 0) span.style.transform = "none";
        if (k === 5) span.style.transform = "translateX(-100%)";
        span.textContent = label(v0 + (v1 - v0) * k / 5);
        axis.appendChild(span);
      }
    };
    const zoom = (factor, at) => {
      const width = Math.min(1000, Math.max(0.01, (v1 - v0) * factor));
      const centre = v0 + (v1 - v0) * at;
      v0 = Math.max(0, Math.min(1000 - width, centre - width * at));
      v1 = v0 + width;
      draw();
    };
    svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      zoom(e.deltaY < 0 ? 0.8 : 1.25, (e.clientX - box.left) / box.width);
    }, { passive: false });
    let dragging = null;
    svg.addEventListener("mousedown", (e) => { dragging = { x: e.clientX, v0 }; });
    addEventListener("mouseup", () => { dragging = null; });
    addEventListener("mousemove", (e) => {
      if (!dragging) return;
      const width = v1 - v0;
      const moved = (e.clientX - dragging.x) / svg.getBoundingClientRect().width * width;
      v0 = Math.max(0, Math.min(1000 - width, dragging.v0 - moved));
      v1 = v0 + width;
      draw();
    });
    for (const button of document.querySelectorAll("[data-zoom]")) {
      button.addEventListener("click", () => {
        const how = button.dataset.zoom;
        if (how === "reset") { v0 = 0; v1 = 1000; draw(); } else zoom(how === "in" ? 0.5 : 2, 0.5);
      });
    }
    draw();
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    table.querySelectorAll("th").forEach((th, col) => th.addEventListener("click", () => {
      const dir = th.dataset.dir === "1" ? -1 : 1;
      table.querySelectorAll("th").forEach((h) => delete h.dataset.dir);
      th.dataset.dir = String(dir);
      const body = table.tBodies[0];
      const key = (row) => {
        const cell = row.cells[col];
        const v = cell.dataset.v;
        return v === undefined ? cell.textContent : Number(v);
      };
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0) * dir;
      });
      body.append(...rows);
    }));
  }
})();
`;
