package io.tcplens.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A little byte writer for building headers, frames and capture files in tests. */
public final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    public Bytes() {
        this(ByteOrder.BIG_ENDIAN);
    }

    public Bytes(ByteOrder order) {
        this.order = order;
    }

    public Bytes u8(int v) {
        out.write(v);
        return this;
    }

    public Bytes u16(int v) {
        ByteBuffer b = ByteBuffer.allocate(2).order(order).putShort((short) v);
        out.writeBytes(b.array());
        return this;
    }

    public Bytes u32(long v) {
        ByteBuffer b = ByteBuffer.allocate(4).order(order).putInt((int) v);
        out.writeBytes(b.array());
        return this;
    }

    public Bytes u64(long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(v);
        out.writeBytes(b.array());
        return this;
    }

    public Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Bytes from hex text; spaces and colons are ignored. */
    public Bytes hex(String hex) {
        return raw(fromHex(hex));
    }

    public Bytes zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** Zero bytes up to a multiple of four (pcapng padding). */
    public Bytes pad4() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }

    public static byte[] fromHex(String hex) {
        String clean = hex.replaceAll("[\\s:]", "");
        byte[] b = new byte[clean.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
