// Draws a session from its events (the JSON that `agentstream run --json` prints, one object per event),
// live or replayed: the person's tasks, each turn with its text, thinking, tokens and cost, and a card per
// tool call with its live output, progress, screenshots, exit code and duration.
import { TerminalView } from './terminal.js';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function money(usd) {
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

function seconds(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** What a tool card's header says about the call's input. */
function summary(name, input) {
  if (!input) return '';
  if (typeof input.command === 'string') return input.command;
  if (input.action) return [input.action, input.coordinate && input.coordinate.join(','), input.text].filter(Boolean).join(' ');
  if (input.path) return `${input.command || ''} ${input.path}`.trim();
  return JSON.stringify(input);
}

export class SessionView {
  constructor(root) {
    this.root = root;
    this.turns = new Map();
    this.cards = new Map();
    this.current = null;
    this.onState = () => {};
  }

  apply(event) {
    switch (event.type) {
      case 'task': {
        this.root.appendChild(el('div', 'task', event.text));
        this.current = null;
        this.onState('running');
        break;
      }
      case 'session_start': this.onSession && this.onSession(event.session); break;
      case 'turn_start': this.turn(event.turn); break;
      case 'text': this.streamed(event.turn, 'text', event.delta); break;
      case 'thinking': this.streamed(event.turn, 'thinking', event.delta); break;
      case 'tool_use': this.card(event); break;
      case 'started': this.cardFor(event.call, c => c.root.classList.add('running')); break;
      case 'output': this.cardFor(event.call, c => { c.sawOutput = true; c.terminal.write(event.text); }); break;
      case 'progress': this.cardFor(event.call, c => this.progress(c, event)); break;
      case 'image': this.cardFor(event.call, c => this.image(c, event)); break;
      case 'result': this.cardFor(event.call, c => this.result(c, event)); break;
      case 'error': this.cardFor(event.call, c => this.failed(c, event.message)); break;
      case 'usage': this.usage(event); break;
      case 'retry': this.root.appendChild(el('div', 'notice', `Retrying (${event.attempt}/${event.max_retries}) in ${seconds(event.delay_ms)}: ${event.reason}`)); break;
      case 'notice': this.root.appendChild(el('div', 'notice', event.message)); break;
      case 'session_end': {
        const end = el('div', `end end-${event.reason}`, event.reason === 'finished' ? 'Done.' : `${event.reason}: ${event.detail}`);
        this.root.appendChild(end);
        this.current = null;
        this.onState('idle');
        break;
      }
      default: break;
    }
  }

  turn(number) {
    let t = this.turns.get(number);
    if (!t) {
      const root = el('section', 'turn');
      root.dataset.turn = number;
      const header = el('div', 'turn-header');
      header.append(el('span', 'turn-number', `Turn ${number}`), el('span', 'usage'));
      root.appendChild(header);
      this.root.appendChild(root);
      t = { root, usage: header.querySelector('.usage'), last: null };
      this.turns.set(number, t);
    }
    this.current = t;
    return t;
  }

  streamed(number, kind, delta) {
    const t = this.turns.get(number) || this.turn(number);
    if (!t.last || t.last.kind !== kind) {
      let box;
      if (kind === 'thinking') {
        box = el('details', 'thinking');
        box.open = true;
        box.append(el('summary', null, 'Thinking'), el('div', 'thinking-text'));
      } else {
        box = el('div', 'text');
      }
      t.root.appendChild(box);
      t.last = { kind, target: kind === 'thinking' ? box.querySelector('.thinking-text') : box };
    }
    t.last.target.textContent += delta;
  }

  card(event) {
    const t = this.turns.get(event.turn) || this.turn(event.turn);
    const root = el('div', 'card');
    root.dataset.call = event.id;
    root.dataset.tool = event.name;
    const header = el('div', 'card-header');
    header.append(el('span', 'tool-name', event.name), el('code', 'tool-input', summary(event.name, event.input)));
    const bar = el('progress', 'bar');
    bar.hidden = true;
    const note = el('div', 'progress-message');
    const output = el('pre', 'output');
    const images = el('div', 'images');
    const footer = el('div', 'card-footer');
    root.append(header, bar, note, output, images, footer);
    t.root.appendChild(root);
    t.last = null;
    const card = { root, bar, note, output, images, footer, terminal: new TerminalView(output), sawOutput: false };
    this.cards.set(event.id, card);
  }

  cardFor(id, action) {
    const card = this.cards.get(id);
    if (card) action(card);
  }

  progress(card, event) {
    card.bar.hidden = false;
    if (event.fraction === null || event.fraction === undefined) card.bar.removeAttribute('value');
    else { card.bar.max = 1; card.bar.value = event.fraction; }
    card.note.textContent = event.message || '';
  }

  image(card, event) {
    const img = el('img', 'screenshot');
    img.alt = `screenshot ${event.width || ''}x${event.height || ''}`.trim();
    img.src = `data:${event.mediaType};base64,${event.data}`;
    card.images.appendChild(img);
  }

  result(card, event) {
    card.root.classList.remove('running');
    card.root.classList.add(event.isError ? 'failed' : 'done');
    const meta = event.meta || {};
    if (meta.cancelled) card.root.classList.add('cancelled');
    if (!card.sawOutput) {
      // Buffered, or a replayed session: the result's text is all there is to show.
      const text = (event.content || []).filter(b => b.type === 'text').map(b => b.text).join('\n');
      if (text) card.terminal.write(text);
    }
    if (card.bar.hidden === false && !meta.cancelled && !event.isError) { card.bar.max = 1; card.bar.value = 1; }
    const parts = [];
    if (meta.exitCode !== undefined && meta.exitCode !== null) parts.push(`exit ${meta.exitCode}`);
    if (meta.cancelled) parts.push('cancelled');
    else if (event.isError) parts.push('error');
    const ms = meta.durationMs !== undefined ? meta.durationMs : event.t;
    if (ms !== undefined) parts.push(seconds(ms));
    card.footer.textContent = parts.join(' · ');
  }

  failed(card, message) {
    card.root.classList.remove('running');
    card.root.classList.add('failed');
    card.footer.textContent = `failed: ${message}`;
  }

  usage(event) {
    const t = this.turns.get(event.turn);
    if (!t) return;
    const cache = event.cache_read_input_tokens || event.cache_creation_input_tokens
      ? ` · cache ${event.cache_read_input_tokens} read, ${event.cache_creation_input_tokens} written` : '';
    t.usage.textContent = `${event.input_tokens} in · ${event.output_tokens} out${cache} · ${money(event.estimated_cost_usd)}`;
  }
}

/** A saved session to step through: Back/Next and a slider draw the first N events of it. */
export function showTimeline(events, root, controls) {
  const back = el('button', 'step-back', '◀ Back');
  const next = el('button', 'step-next', 'Next ▶');
  const slider = el('input', 'step-slider');
  slider.type = 'range'; slider.min = 0; slider.max = events.length; slider.value = events.length;
  const position = el('span', 'step-position');
  controls.replaceChildren(back, slider, next, position);
  const draw = (n) => {
    root.replaceChildren();
    const view = new SessionView(root);
    for (let i = 0; i < n; i++) view.apply(events[i]);
    slider.value = n;
    position.textContent = `${n} / ${events.length}`;
    back.disabled = n === 0;
    next.disabled = n === events.length;
  };
  back.addEventListener('click', () => draw(Math.max(0, Number(slider.value) - 1)));
  next.addEventListener('click', () => draw(Math.min(events.length, Number(slider.value) + 1)));
  slider.addEventListener('input', () => draw(Number(slider.value)));
  draw(events.length);
  return draw;
}
