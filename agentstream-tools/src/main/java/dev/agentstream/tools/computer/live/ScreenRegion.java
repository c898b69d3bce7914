package dev.agentstream.tools.computer.live;

/** A rectangle of the screen in screen pixels: its top-left corner and its size. */
public record ScreenRegion(int x, int y, int width, int height) {}
