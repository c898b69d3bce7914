// The agent's desktop, live: frames arrive over Server-Sent Events only when the screen changed (changed
// tiles as PNG, drawn in order on a canvas the screen's size), with the agent's last click and typed text
// marked on top. Take over: clicks and keys on the canvas go to the display through the computer tool's
// input path, in screen pixels; handing back tells the model what the person did.

export class DesktopPane {
  constructor(root, { onUnavailable, sessionId }) {
    this.root = root;
    this.canvas = root.querySelector('canvas.screen');
    this.marks = root.querySelector('.marks');
    this.status = root.querySelector('.desktop-status');
    this.context = this.canvas.getContext('2d');
    this.sessionId = sessionId;
    this.takingOver = false;
    this.framesPainted = 0;
    this.queue = Promise.resolve();
    this.source = new EventSource('/api/desktop');
    this.source.onmessage = message => {
      const frame = JSON.parse(message.data);
      if (frame.type === 'frame') this.queue = this.queue.then(() => this.paint(frame));
      else if (frame.type === 'desktop_end') this.status.textContent = frame.message;
    };
    this.source.onerror = () => {
      if (this.source.readyState === EventSource.CLOSED && this.framesPainted === 0) onUnavailable();
    };
    this.canvas.addEventListener('click', event => this.click(event));
    this.canvas.addEventListener('keydown', event => this.key(event));
  }

  async paint(frame) {
    if (this.canvas.width !== frame.width || this.canvas.height !== frame.height) {
      this.canvas.width = frame.width;
      this.canvas.height = frame.height;
    }
    const images = await Promise.all(frame.tiles.map(tile =>
      createImageBitmap(new Blob([Uint8Array.from(atob(tile.data), c => c.charCodeAt(0))], { type: tile.mediaType }))));
    frame.tiles.forEach((tile, i) => this.context.drawImage(images[i], tile.x, tile.y));
    this.framesPainted++;
    this.root.dataset.frames = this.framesPainted;
    this.root.dataset.latency = Date.now() - frame.capturedAt;
    this.mark(frame);
  }

  mark(frame) {
    this.marks.replaceChildren();
    const scale = this.canvas.clientWidth / this.canvas.width;
    if (frame.click) {
      const dot = document.createElement('div');
      dot.className = 'click-mark';
      dot.style.left = `${frame.click.x * scale}px`;
      dot.style.top = `${frame.click.y * scale}px`;
      dot.title = `the agent's last click (${frame.click.x}, ${frame.click.y})`;
      this.marks.appendChild(dot);
    }
    if (frame.typed) {
      const typed = document.createElement('div');
      typed.className = 'typed-mark';
      typed.textContent = `typed: ${frame.typed}`;
      this.marks.appendChild(typed);
    }
  }

  /** Where on the screen (screen pixels) a mouse event on the canvas points. */
  screenPoint(event) {
    const box = this.canvas.getBoundingClientRect();
    return [Math.round((event.clientX - box.left) * this.canvas.width / box.width),
      Math.round((event.clientY - box.top) * this.canvas.height / box.height)];
  }

  click(event) {
    if (!this.takingOver) return;
    this.canvas.focus();
    this.send({ action: 'left_click', coordinate: this.screenPoint(event) });
  }

  key(event) {
    if (!this.takingOver) return;
    const names = { Enter: 'Return', Backspace: 'BackSpace', Tab: 'Tab', Escape: 'Escape', Delete: 'Delete',
      ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down', Home: 'Home', End: 'End',
      PageUp: 'Page_Up', PageDown: 'Page_Down' };
    const modifiers = [event.ctrlKey && 'ctrl', event.altKey && 'alt', event.metaKey && 'super'].filter(Boolean);
    let action = null;
    if (modifiers.length === 0 && event.key.length === 1) action = { action: 'type', text: event.key };
    else if (names[event.key] || (modifiers.length && event.key.length === 1)) {
      action = { action: 'key', text: [...modifiers, names[event.key] || event.key.toLowerCase()].join('+') };
    }
    if (!action) return;
    event.preventDefault();
    this.send(action);
  }

  async send(action) {
    const response = await fetch('/api/desktop/input', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...action, session: this.sessionId() }),
    });
    const answer = await response.json().catch(() => ({ text: `The server answered ${response.status}.` }));
    this.status.textContent = answer.text || answer.error || '';
  }

  setTakingOver(on) {
    this.takingOver = on;
    this.root.classList.toggle('taking-over', on);
    if (on) this.canvas.focus();
  }
}
