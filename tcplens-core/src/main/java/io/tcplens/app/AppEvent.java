package io.tcplens.app;

/**
 * One step of a connection's application dialogue, for the story {@code explain} tells.
 *
 * @param frame the frame where it ended
 * @param side  the sender (FlowKey order)
 * @param text  what it was, in words; strings from the capture as they came (escaped when shown)
 * @param count how many such steps in a row this stands for (application data records)
 */
public record AppEvent(long frame, int side, String text, int count) {
    /** Events kept per connection at most; later ones are counted only. */
    public static final int MAX_PER_CONNECTION = 64;
}
