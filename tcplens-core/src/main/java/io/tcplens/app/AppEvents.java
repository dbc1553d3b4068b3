package io.tcplens.app;

import java.util.ArrayList;
import java.util.List;

/** A connection's dialogue steps, at most {@link AppEvent#MAX_PER_CONNECTION}, runs of the same step merged. */
final class AppEvents {
    private final List<AppEvent> events = new ArrayList<>(8);
    private final boolean enabled;
    private long omitted;

    /** @param enabled false when nobody will tell the story: then nothing is kept (and callers skip the words). */
    AppEvents(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() { return enabled; }

    void add(long frame, int side, String text) {
        if (!enabled) {
            return;
        }
        int last = events.size() - 1;
        if (last >= 0 && events.get(last).side() == side && events.get(last).text().equals(text)) {
            AppEvent e = events.get(last);
            events.set(last, new AppEvent(e.frame(), side, text, e.count() + 1));
            return;
        }
        if (events.size() >= AppEvent.MAX_PER_CONNECTION) {
            omitted++;
            return;
        }
        events.add(new AppEvent(frame, side, text, 1));
    }

    /** Continues another's steps (a mail dialogue before its STARTTLS, told before TLS's steps). */
    void addAll(AppEvents other) {
        for (AppEvent e : other.events) {
            if (events.size() >= AppEvent.MAX_PER_CONNECTION) {
                omitted += e.count();
            } else {
                events.add(e);
            }
        }
        omitted += other.omitted;
    }

    List<AppEvent> list() { return List.copyOf(events); }

    long omitted() { return omitted; }
}
