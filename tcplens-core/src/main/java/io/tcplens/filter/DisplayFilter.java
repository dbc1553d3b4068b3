package io.tcplens.filter;

import io.tcplens.field.Field;
import io.tcplens.field.PacketContext;
import java.util.Collections;
import java.util.Set;

/**
 * A Wireshark display filter, compiled once and tested on each packet. The language and its
 * semantics are Wireshark 4.0's: {@code ==} matches when any occurrence equals, {@code !=} when
 * none does, a missing field makes any comparison false; see {@link Parser} for the grammar.
 * Comparisons of numbers and addresses allocate nothing per packet.
 */
public final class DisplayFilter {
    private final String text;
    private final Predicate root;
    private final Set<Field> fields;

    private DisplayFilter(String text, Predicate root, Set<Field> fields) {
        this.text = text;
        this.root = root;
        this.fields = Collections.unmodifiableSet(fields);
    }

    /** Compiles a filter, or explains why it cannot be (see {@link FilterException#render}). */
    public static DisplayFilter compile(String text) throws FilterException {
        Parser parser = new Parser(text);
        Predicate root = parser.parse();
        return new DisplayFilter(text, root, parser.fields);
    }

    /** True when the packet in {@code context} passes the filter. */
    public boolean matches(PacketContext context) {
        context.focus(-1);
        return root.test(context);
    }

    public String text() { return text; }

    /** The fields the filter reads (what the packets must be decoded for). */
    public Set<Field> fields() { return fields; }

    /** True when the filter reads a per-stream final value, which needs a first pass over the file. */
    public boolean needsFinalValues() {
        return fields.stream().anyMatch(Field::finalValue);
    }

    /** True when the filter reads an expert flag or another tcp.analysis value. */
    public boolean needsSequenceAnalysis() {
        return fields.stream().anyMatch(Field::sequenceAnalysis);
    }

    /** True when the filter reads a connection verdict: the first pass must analyse each connection. */
    public boolean needsVerdicts() {
        return fields.stream().anyMatch(Field::connectionVerdict);
    }
}
