// The grid of a session's nodes on one canvas: one square per node, coloured by its state. 10,000 nodes are
// 10,000 fillRect calls grouped by colour (a handful of fillStyle changes), not 10,000 DOM elements; a change from
// the feed repaints only its own square.
"use strict";

class NodeGrid {
  constructor(canvas, tip, onPick) {
    this.canvas = canvas; this.tip = tip; this.onPick = onPick;
    this.legend = []; this.ids = []; this.codes = new Uint8Array(0); this.index = new Map();
    this.cell = 12; this.gap = 1; this.columns = 1; this.lastRenderMs = 0;
    canvas.addEventListener("click", e => { const id = this.idAt(e); if (id) this.onPick(id); });
    canvas.addEventListener("mousemove", e => this.showTip(e));
    canvas.addEventListener("mouseleave", () => { this.tip.style.display = "none"; });
  }

  colours() {
    const style = getComputedStyle(document.documentElement);
    return this.legend.map(state => style.getPropertyValue("--" + state).trim() || "#999");
  }

  // The whole set of nodes: ids in id order, codes one digit per node (an index into legend).
  setNodes(legend, ids, codes) {
    this.legend = legend; this.ids = ids;
    this.codes = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) this.codes[i] = codes.charCodeAt(i) - 48;
    this.index = new Map(ids.map((id, i) => [id, i]));
    this.render();
  }

  // Changed nodes only: {id: digit}.
  apply(changes) {
    const ctx = this.canvas.getContext("2d"), colours = this.colours();
    for (const [id, code] of Object.entries(changes)) {
      const i = this.index.get(id);
      if (i === undefined) continue;
      this.codes[i] = code.charCodeAt(0) - 48;
      this.paint(ctx, i, colours[this.codes[i]]);
    }
  }

  counts() {
    const counts = new Array(this.legend.length).fill(0);
    for (const c of this.codes) counts[c]++;
    return counts;
  }

  layout() {
    const width = Math.max(200, this.canvas.parentElement.clientWidth - 16), n = Math.max(1, this.ids.length);
    // Squares as large as fit a ~600 px high area, between 4 and 18 px.
    this.cell = Math.max(4, Math.min(18, Math.floor(Math.sqrt((width * 600) / n)) - this.gap));
    this.columns = Math.max(1, Math.floor(width / (this.cell + this.gap)));
    const rows = Math.ceil(n / this.columns), ratio = window.devicePixelRatio || 1;
    const w = this.columns * (this.cell + this.gap), h = rows * (this.cell + this.gap);
    this.canvas.style.width = w + "px"; this.canvas.style.height = h + "px";
    this.canvas.width = Math.ceil(w * ratio); this.canvas.height = Math.ceil(h * ratio);
    this.canvas.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  render() {
    const start = performance.now();
    this.layout();
    const ctx = this.canvas.getContext("2d"), colours = this.colours(), step = this.cell + this.gap;
    for (let state = 0; state < colours.length; state++) {
      ctx.fillStyle = colours[state];
      for (let i = 0; i < this.codes.length; i++)
        if (this.codes[i] === state) ctx.fillRect((i % this.columns) * step, Math.floor(i / this.columns) * step, this.cell, this.cell);
    }
    this.lastRenderMs = performance.now() - start;
    return this.lastRenderMs;
  }

  paint(ctx, i, colour) {
    const step = this.cell + this.gap;
    ctx.fillStyle = colour;
    ctx.fillRect((i % this.columns) * step, Math.floor(i / this.columns) * step, this.cell, this.cell);
  }

  idAt(e) {
    const rect = this.canvas.getBoundingClientRect(), step = this.cell + this.gap;
    const col = Math.floor((e.clientX - rect.left) / step), row = Math.floor((e.clientY - rect.top) / step);
    if (col < 0 || col >= this.columns) return null;
    return this.ids[row * this.columns + col] || null;
  }

  showTip(e) {
    const id = this.idAt(e);
    if (!id) { this.tip.style.display = "none"; return; }
    const i = this.index.get(id), box = this.canvas.parentElement.getBoundingClientRect();
    this.tip.textContent = id + " · " + this.legend[this.codes[i]].replace("_", " ");
    this.tip.style.left = (e.clientX - box.left + 12) + "px"; this.tip.style.top = (e.clientY - box.top + 12) + "px";
    this.tip.style.display = "block";
  }
}
window.NodeGrid = NodeGrid;
