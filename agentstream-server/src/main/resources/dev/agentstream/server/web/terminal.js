// A terminal's view of a tool's output: text in rows of cells, as a terminal would show it after the
// program printed it. "\r" moves back to the start of the row (a progress line overwrites itself),
// "\b" one cell back, ESC[K erases to the end of the row, SGR escapes (ESC[...m) colour the text;
// other escapes are dropped. Only rows that changed are drawn again.

const PALETTE = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];
const MAX_ROWS = 5000;

function color256(n) {
  if (n < 16) return PALETTE[n];
  if (n >= 232) { const v = 8 + (n - 232) * 10; return `rgb(${v},${v},${v})`; }
  const c = n - 16, steps = [0, 95, 135, 175, 215, 255];
  return `rgb(${steps[Math.floor(c / 36)]},${steps[Math.floor(c / 6) % 6]},${steps[c % 6]})`;
}

export class TerminalView {
  constructor(element) {
    this.element = element;
    this.rows = [[]];
    this.rowElements = [];
    this.row = 0;
    this.col = 0;
    this.style = {};
    this.pending = '';
    this.dirty = new Set();
    this.droppedRows = 0;
  }

  /** Text as the program printed it (may end in the middle of an escape sequence). */
  write(text) {
    let s = this.pending + text;
    this.pending = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\x1b') {
        const end = this.escapeEnd(s, i);
        if (end < 0) { this.pending = s.slice(i); break; }
        this.escape(s.slice(i, end + 1));
        i = end;
      } else if (ch === '\n') {
        this.row++; this.col = 0;
        if (this.row >= this.rows.length) this.rows.push([]);
        this.dirty.add(this.row);
      } else if (ch === '\r') {
        this.col = 0;
      } else if (ch === '\b') {
        this.col = Math.max(0, this.col - 1);
      } else if (ch === '\t') {
        const stop = (Math.floor(this.col / 8) + 1) * 8;
        while (this.col < stop) this.put(' ');
      } else if (ch >= ' ' || ch > '\x7f') {
        this.put(ch);
      }
    }
    this.trim();
    this.draw();
  }

  /** The text on screen, rows joined with newlines. */
  text() {
    return this.rows.map(r => r.map(c => c.ch).join('')).join('\n');
  }

  put(ch) {
    const cells = this.rows[this.row];
    while (cells.length < this.col) cells.push({ ch: ' ', style: {} });
    cells[this.col] = { ch, style: this.style };
    this.col++;
    this.dirty.add(this.row);
  }

  /** Index of the last character of the escape sequence starting at i, or -1 when it is not complete yet. */
  escapeEnd(s, i) {
    if (i + 1 >= s.length) return -1;
    const kind = s[i + 1];
    if (kind === '[') {
      for (let j = i + 2; j < s.length; j++) if (s[j] >= '@' && s[j] <= '~') return j;
      return -1;
    }
    if (kind === ']') {
      for (let j = i + 2; j < s.length; j++) {
        if (s[j] === '\x07') return j;
        if (s[j] === '\x1b' && s[j + 1] === '\\') return j + 1;
      }
      return -1;
    }
    return i + 1;
  }

  escape(seq) {
    if (seq[1] !== '[') return;
    const final = seq[seq.length - 1];
    const params = seq.slice(2, -1).split(';').map(p => parseInt(p, 10));
    if (final === 'm') this.sgr(params);
    else if (final === 'K') {
      const cells = this.rows[this.row];
      const mode = isNaN(params[0]) ? 0 : params[0];
      if (mode === 0) cells.length = Math.min(cells.length, this.col);
      else if (mode === 2) cells.length = 0;
      else for (let c = 0; c < Math.min(this.col, cells.length); c++) cells[c] = { ch: ' ', style: {} };
      this.dirty.add(this.row);
    } else if (final === 'G') {
      this.col = Math.max(0, (isNaN(params[0]) ? 1 : params[0]) - 1);
    } else if (final === 'C') {
      this.col += isNaN(params[0]) ? 1 : params[0];
    } else if (final === 'D') {
      this.col = Math.max(0, this.col - (isNaN(params[0]) ? 1 : params[0]));
    }
  }

  sgr(params) {
    const s = { ...this.style };
    for (let k = 0; k < params.length; k++) {
      const p = isNaN(params[k]) ? 0 : params[k];
      if (p === 0) { for (const key of Object.keys(s)) delete s[key]; }
      else if (p === 1) s.bold = true;
      else if (p === 2) s.dim = true;
      else if (p === 3) s.italic = true;
      else if (p === 4) s.underline = true;
      else if (p === 7) s.inverse = true;
      else if (p === 22) { delete s.bold; delete s.dim; }
      else if (p === 23) delete s.italic;
      else if (p === 24) delete s.underline;
      else if (p === 27) delete s.inverse;
      else if (p >= 30 && p <= 37) s.fg = PALETTE[p - 30];
      else if (p >= 90 && p <= 97) s.fg = PALETTE[p - 90 + 8];
      else if (p === 39) delete s.fg;
      else if (p >= 40 && p <= 47) s.bg = PALETTE[p - 40];
      else if (p >= 100 && p <= 107) s.bg = PALETTE[p - 100 + 8];
      else if (p === 49) delete s.bg;
      else if ((p === 38 || p === 48) && params[k + 1] === 5) {
        s[p === 38 ? 'fg' : 'bg'] = color256(params[k + 2] || 0); k += 2;
      } else if ((p === 38 || p === 48) && params[k + 1] === 2) {
        s[p === 38 ? 'fg' : 'bg'] = `rgb(${params[k + 2] || 0},${params[k + 3] || 0},${params[k + 4] || 0})`; k += 4;
      }
    }
    this.style = s;
  }

  /** Keeps the last MAX_ROWS rows on the page; the full output stays in the spool file. */
  trim() {
    const extra = this.rows.length - MAX_ROWS;
    if (extra <= 0) return;
    this.rows.splice(0, extra);
    this.row -= extra;
    this.droppedRows += extra;
    this.rowElements.splice(0, extra).forEach(el => el.remove());
    this.dirty = new Set([...this.dirty].map(r => r - extra).filter(r => r >= 0));
  }

  draw() {
    for (const r of [...this.dirty].sort((a, b) => a - b)) {
      while (this.rowElements.length <= r) {
        const line = document.createElement('div');
        line.className = 'term-row';
        this.element.appendChild(line);
        this.rowElements.push(line);
      }
      const el = this.rowElements[r];
      el.replaceChildren();
      let run = null, runStyle = null;
      for (const cell of this.rows[r]) {
        if (run === null || cell.style !== runStyle) {
          run = document.createElement('span');
          runStyle = cell.style;
          applyStyle(run, runStyle);
          el.appendChild(run);
        }
        run.textContent += cell.ch;
      }
    }
    this.dirty.clear();
  }
}

function applyStyle(span, s) {
  let fg = s.fg, bg = s.bg;
  if (s.inverse) { [fg, bg] = [bg || 'var(--term-bg)', fg || 'var(--term-fg)']; }
  if (fg) span.style.color = fg;
  if (bg) span.style.backgroundColor = bg;
  if (s.bold) span.style.fontWeight = 'bold';
  if (s.dim) span.style.opacity = '0.7';
  if (s.italic) span.style.fontStyle = 'italic';
  if (s.underline) span.style.textDecoration = 'underline';
}
