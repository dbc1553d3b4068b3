package io.tcplens.filter;

import io.tcplens.field.Field;
import io.tcplens.field.FieldType;
import io.tcplens.field.PacketContext;
import java.nio.charset.StandardCharsets;

/**
 * One side of a comparison, compiled: it yields its occurrences in a packet into a Values
 * buffer of its own, reused from packet to packet.
 */
abstract class Operand {
    final FieldType type;
    final Values values = new Values();

    Operand(FieldType type) {
        this.type = type;
    }

    /** The occurrences in this packet (the returned buffer is valid until the next call). */
    abstract Values evaluate(PacketContext context);

    boolean numeric() {
        return Literals.numeric(type);
    }

    /** A field's occurrences, as its extractor produces them. */
    static final class FieldRef extends Operand {
        final Field field;

        FieldRef(Field field) {
            super(field.type());
            this.field = field;
        }

        @Override
        Values evaluate(PacketContext context) {
            values.clear();
            field.extractor().extract(context, field, values);
            return values;
        }
    }

    /** A literal, converted once at compile time. */
    static final class Constant extends Operand {
        Constant(FieldType type, Values parsed) {
            super(type);
            values.count = 0;
            for (int i = 0; i < parsed.count; i++) {
                if (Literals.numeric(type)) {
                    values.number(parsed.numbers[i]);
                } else {
                    values.bytes(parsed.pool, parsed.offsets[i], parsed.lengths[i]);
                }
                values.prefixes[i] = parsed.prefixes[i];
            }
        }

        @Override
        Values evaluate(PacketContext context) {
            return values;
        }
    }

    /**
     * Byte ranges of each occurrence, as Wireshark's slices: {@code [i:j]} j bytes from i,
     * {@code [i-j]} i to j inclusive, {@code [i]} one byte, {@code [:j]}, {@code [i:]}, negative
     * offsets from the end, several ranges joined by commas. An occurrence too short for a
     * range yields nothing.
     */
    static final class Slice extends Operand {
        private final Operand base;
        /** Per range: start (negative from the end), length (-1 to the end). */
        private final int[] starts;
        private final int[] lengths;
        private final byte[] address = new byte[4];

        Slice(Operand base, int[] starts, int[] lengths) {
            super(FieldType.BYTES);
            this.base = base;
            this.starts = starts;
            this.lengths = lengths;
        }

        @Override
        Values evaluate(PacketContext context) {
            Values in = base.evaluate(context);
            values.clear();
            byte[] ipv4 = base.type == FieldType.IPV4 ? address : null;
            for (int k = 0; k < in.count; k++) {
                byte[] source;
                int from;
                int size;
                if (ipv4 != null) {
                    long v = in.numbers[k];
                    for (int b = 0; b < 4; b++) {
                        ipv4[b] = (byte) (v >>> (24 - 8 * b));
                    }
                    source = ipv4;
                    from = 0;
                    size = 4;
                } else {
                    source = in.pool;
                    from = in.offsets[k];
                    size = in.lengths[k];
                }
                int total = 0;
                boolean fits = true;
                for (int r = 0; r < starts.length && fits; r++) {
                    int s = starts[r] < 0 ? size + starts[r] : starts[r];
                    int n = lengths[r] < 0 ? size - s : lengths[r];
                    fits = s >= 0 && n >= 0 && s + n <= size && (n > 0 || lengths[r] < 0);
                    total += Math.max(0, n);
                }
                if (!fits) {
                    continue;
                }
                int slot = values.bytes(total);
                int o = values.offsets[slot];
                for (int r = 0; r < starts.length; r++) {
                    int s = starts[r] < 0 ? size + starts[r] : starts[r];
                    int n = lengths[r] < 0 ? size - s : lengths[r];
                    System.arraycopy(source, from + s, values.pool, o, n);
                    o += n;
                }
            }
            return values;
        }
    }

    /** {@code len(x)}: bytes in each occurrence (a protocol's own item; a number's width). */
    static final class Length extends Operand {
        private final Operand base;

        Length(Operand base) {
            super(FieldType.UINT32);
            this.base = base;
        }

        @Override
        Values evaluate(PacketContext context) {
            Values in = base.evaluate(context);
            values.clear();
            for (int k = 0; k < in.count; k++) {
                values.number(base.numeric() ? width(base.type) : in.items[k]);
            }
            return values;
        }

        static int width(FieldType type) {
            return switch (type) {
                case UINT8, BOOLEAN -> 1;
                case UINT16 -> 2;
                case UINT24 -> 3;
                case UINT64, RELATIVE_TIME, DOUBLE, ABSOLUTE_TIME -> 8;
                default -> 4;
            };
        }
    }

    /** {@code count(field)}: how many times the field occurs (no value when it does not). */
    static final class Count extends Operand {
        private final Operand base;

        Count(Operand base) {
            super(FieldType.UINT32);
            this.base = base;
        }

        @Override
        Values evaluate(PacketContext context) {
            int n = base.evaluate(context).count;
            values.clear();
            if (n > 0) {
                values.number(n);
            }
            return values;
        }
    }

    /** {@code upper(s)} and {@code lower(s)}: ASCII case mapping, as Wireshark's. */
    static final class Case extends Operand {
        private final Operand base;
        private final boolean upper;

        Case(Operand base, boolean upper) {
            super(FieldType.STRING);
            this.base = base;
            this.upper = upper;
        }

        @Override
        Values evaluate(PacketContext context) {
            Values in = base.evaluate(context);
            values.clear();
            for (int k = 0; k < in.count; k++) {
                int slot = values.bytes(in.lengths[k]);
                for (int b = 0; b < in.lengths[k]; b++) {
                    byte c = in.pool[in.offsets[k] + b];
                    if (upper && c >= 'a' && c <= 'z') {
                        c -= 32;
                    } else if (!upper && c >= 'A' && c <= 'Z') {
                        c += 32;
                    }
                    values.pool[values.offsets[slot] + b] = c;
                }
            }
            return values;
        }
    }

    /**
     * Integer arithmetic and bitwise and, per pair of occurrences; division by zero yields
     * nothing. On byte strings only {@code &} exists: byte by byte, over the shorter length.
     */
    static final class Arithmetic extends Operand {
        private final char op;
        private final Operand left;
        private final Operand right;

        Arithmetic(FieldType type, char op, Operand left, Operand right) {
            super(type);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Values evaluate(PacketContext context) {
            Values l = left.evaluate(context);
            Values r = right.evaluate(context);
            values.clear();
            for (int i = 0; i < l.count; i++) {
                for (int j = 0; j < r.count; j++) {
                    if (!numeric()) {
                        int n = Math.min(l.lengths[i], r.lengths[j]);
                        int slot = values.bytes(n);
                        for (int k = 0; k < n; k++) {
                            values.pool[values.offsets[slot] + k] =
                                    (byte) (l.pool[l.offsets[i] + k] & r.pool[r.offsets[j] + k]);
                        }
                        continue;
                    }
                    long a = l.numbers[i];
                    long b = r.numbers[j];
                    switch (op) {
                        case '&' -> values.number(a & b);
                        case '+' -> values.number(a + b);
                        case '-' -> values.number(a - b);
                        case '*' -> values.number(a * b);
                        case '/' -> {
                            if (b != 0) {
                                values.number(a / b);
                            }
                        }
                        default -> {
                            if (b != 0) {
                                values.number(a % b);
                            }
                        }
                    }
                }
            }
            return values;
        }
    }

    /** The text of a byte occurrence, for regular expressions: UTF-8 for strings, one char per byte otherwise. */
    static String text(Values v, int k, FieldType type) {
        return new String(v.pool, v.offsets[k], v.lengths[k],
                type == FieldType.STRING ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
