package io.tcplens.filter;

import io.tcplens.field.FieldType;
import io.tcplens.field.PacketContext;
import java.util.regex.Pattern;

/** A compiled test on one packet. */
abstract class Predicate {

    abstract boolean test(PacketContext context);

    /** How a comparison treats fields that occur more than once (Wireshark 4.0). */
    enum Mode {
        /** Some pair of occurrences satisfies it: ==, <, >, <=, >=, ~=, contains, matches. */
        ANY,
        /** Every pair satisfies it: != (no occurrence equals), ===. */
        ALL
    }

    enum Relation { EQ, NE, LT, LE, GT, GE, CONTAINS }

    enum Connective { AND, OR, XOR }

    /** Two tests joined by and, or, xor; and and or stop as soon as the answer is known. */
    static final class Logical extends Predicate {
        private final Connective connective;
        private final Predicate left;
        private final Predicate right;

        Logical(Connective connective, Predicate left, Predicate right) {
            this.connective = connective;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(PacketContext c) {
            return switch (connective) {
                case AND -> left.test(c) && right.test(c);
                case OR -> left.test(c) || right.test(c);
                case XOR -> left.test(c) ^ right.test(c);
            };
        }
    }

    static final class Not extends Predicate {
        private final Predicate inner;

        Not(Predicate inner) {
            this.inner = inner;
        }

        @Override
        boolean test(PacketContext c) {
            return !inner.test(c);
        }
    }

    /**
     * A field, slice or function on its own: it occurs. An arithmetic expression on its own
     * ({@code tcp.flags & 0x12}) is true when some value is non-zero.
     */
    static final class Exists extends Predicate {
        private final Operand operand;
        private final boolean nonZero;

        Exists(Operand operand, boolean nonZero) {
            this.operand = operand;
            this.nonZero = nonZero;
        }

        @Override
        boolean test(PacketContext c) {
            Values v = operand.evaluate(c);
            if (!nonZero) {
                return v.count > 0;
            }
            for (int i = 0; i < v.count; i++) {
                if (operand.numeric() ? v.numbers[i] != 0 : anyByteSet(v, i)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** left RELATION right, over all pairs of occurrences, with ANY or ALL semantics. */
    static final class Compare extends Predicate {
        private final Relation relation;
        private final Mode mode;
        private final Operand left;
        private final Operand right;
        private final boolean numeric;
        private final boolean unsigned64;

        Compare(Relation relation, Mode mode, Operand left, Operand right) {
            this.relation = relation;
            this.mode = mode;
            this.left = left;
            this.right = right;
            this.numeric = left.numeric();
            this.unsigned64 = left.type == FieldType.UINT64;
        }

        @Override
        boolean test(PacketContext c) {
            Values l = left.evaluate(c);
            if (l.count == 0) {
                return false;
            }
            Values r = right.evaluate(c);
            if (r.count == 0) {
                return false;
            }
            for (int i = 0; i < l.count; i++) {
                for (int j = 0; j < r.count; j++) {
                    boolean holds = holds(l, i, r, j);
                    if (mode == Mode.ANY && holds) {
                        return true;
                    }
                    if (mode == Mode.ALL && !holds) {
                        return false;
                    }
                }
            }
            return mode == Mode.ALL;
        }

        private boolean holds(Values l, int i, Values r, int j) {
            if (relation == Relation.CONTAINS) {
                return indexOf(l.pool, l.offsets[i], l.lengths[i], r.pool, r.offsets[j], r.lengths[j]) >= 0;
            }
            int order = numeric ? compareNumbers(l.numbers[i], r.numbers[j], r.prefixes[j], unsigned64)
                    : compareBytes(l, i, r, j);
            return switch (relation) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case CONTAINS -> false;
            };
        }
    }

    /** {@code x in {a, b, c..d}}: some occurrence is one of the values or in one of the ranges. */
    static final class In extends Predicate {
        private final Operand left;
        private final Values low;
        private final Values high;
        private final boolean numeric;
        private final boolean unsigned64;

        /** Element k is the range low[k]..high[k]; a single value has high[k] == low[k]. */
        In(Operand left, Values low, Values high) {
            this.left = left;
            this.low = low;
            this.high = high;
            this.numeric = left.numeric();
            this.unsigned64 = left.type == FieldType.UINT64;
        }

        @Override
        boolean test(PacketContext c) {
            Values l = left.evaluate(c);
            if (l.count == 0) {
                return false;
            }
            for (int i = 0; i < l.count; i++) {
                for (int k = 0; k < low.count; k++) {
                    boolean inside = numeric
                            ? compareNumbers(l.numbers[i], low.numbers[k], low.prefixes[k], unsigned64) >= 0
                                && compareNumbers(l.numbers[i], high.numbers[k], high.prefixes[k], unsigned64) <= 0
                            : compareBytes(l, i, low, k) >= 0 && compareBytes(l, i, high, k) <= 0;
                    if (inside) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code x matches "regex"}: some occurrence's text contains a match. */
    static final class Matches extends Predicate {
        private final Operand left;
        private final Pattern pattern;

        Matches(Operand left, Pattern pattern) {
            this.left = left;
            this.pattern = pattern;
        }

        @Override
        boolean test(PacketContext c) {
            Values l = left.evaluate(c);
            for (int i = 0; i < l.count; i++) {
                if (pattern.matcher(Operand.text(l, i, left.type)).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean anyByteSet(Values v, int i) {
        for (int k = 0; k < v.lengths[i]; k++) {
            if (v.pool[v.offsets[i] + k] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Numbers in order; a CIDR constant compares only its prefix bits (IPv4: 32-bit values). */
    static int compareNumbers(long a, long b, int prefix, boolean unsigned64) {
        if (prefix >= 0) {
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            a &= mask;
            b &= mask;
        }
        return unsigned64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }

    /** Bytes in unsigned lexicographic order, then by length; a prefix constant compares its first bits only. */
    static int compareBytes(Values l, int i, Values r, int j) {
        int prefix = r.prefixes[j];
        int la = l.lengths[i];
        int lb = r.lengths[j];
        int bits = prefix >= 0 ? Math.min(prefix, 8 * Math.min(la, lb)) : 8 * Math.min(la, lb);
        int full = bits / 8;
        for (int k = 0; k < full; k++) {
            int a = l.pool[l.offsets[i] + k] & 0xFF;
            int b = r.pool[r.offsets[j] + k] & 0xFF;
            if (a != b) {
                return a - b;
            }
        }
        int rest = bits % 8;
        if (rest > 0) {
            int mask = (0xFF << (8 - rest)) & 0xFF;
            int a = l.pool[l.offsets[i] + full] & mask;
            int b = r.pool[r.offsets[j] + full] & mask;
            if (a != b) {
                return a - b;
            }
        }
        return prefix >= 0 ? 0 : Integer.compare(la, lb);
    }

    static int indexOf(byte[] hay, int from, int length, byte[] needle, int at, int n) {
        if (n == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i + n <= length; i++) {
            for (int k = 0; k < n; k++) {
                if (hay[from + i + k] != needle[at + k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
