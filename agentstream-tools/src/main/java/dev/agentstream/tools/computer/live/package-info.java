/**
 * The live desktop: watching the computer tool's display in a browser while the agent works, and taking it
 * over. Everything starts from the display the computer tool of this JVM uses:
 * <pre>{@code
 * DisplayAccess display = DisplayAccess.acquire(computerConfig);   // same config as the ComputerTool
 * DesktopFrames frames = new DesktopFrames(display);                 // one per server; close on shutdown
 * Subscription watching = frames.subscribe(frame -> queue.offer(frame)); // per page; close when it leaves
 * TakeOver person = new TakeOver(display);                           // per session that takes over
 * AgentMarks marks = new AgentMarks(display);                        // the agent's last click and typing
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.agentstream.tools.computer.live.DesktopFrames}: frames only when the screen changed, each
 *       a list of PNG tiles with their rectangles in screen pixels; a keyframe (the whole screen) first and
 *       on request. Painting is described on {@link dev.agentstream.tools.computer.live.DesktopFrame}.</li>
 *   <li>{@link dev.agentstream.tools.computer.live.TakeOver}: a person's click, move, drag, scroll, key
 *       combination and typing in screen pixels, through the computer tool's own input path; each result
 *       is one line to tell the model ({@code "Left-clicked at (640, 400)."}, the model's pixels) or a
 *       one-sentence error. Pause the agent before taking over.</li>
 *   <li>{@link dev.agentstream.tools.computer.live.AgentMarks}: the agent's last click (screen pixels) and
 *       last typed text, to mark on the page; {@link dev.agentstream.tools.computer.DisplayAccess#onInput}
 *       hears every applied action, the agent's and the person's.</li>
 * </ul>
 */
package dev.agentstream.tools.computer.live;
