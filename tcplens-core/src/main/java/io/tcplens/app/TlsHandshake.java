package io.tcplens.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TLS handshake message (RFC 8446, section 4; RFC 5246, section 7.4), whole after
 * reassembly across records, with what its body says for the hellos and the certificate chain.
 * Parsed once when built; a body shorter than its own lengths is parsed as far as it goes and
 * {@link #truncated()} says so.
 */
public final class TlsHandshake {
    public static final int HELLO_REQUEST = 0;
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int FINISHED = 20;
    /** TLS 1.3's KeyUpdate (RFC 8446, section 4.6.3): its sender's later records use the next traffic keys. */
    public static final int KEY_UPDATE = 24;

    public static final int EXT_SERVER_NAME = 0;
    public static final int EXT_SUPPORTED_GROUPS = 10;
    public static final int EXT_EC_POINT_FORMATS = 11;
    public static final int EXT_SIGNATURE_ALGORITHMS = 13;
    public static final int EXT_ALPN = 16;
    public static final int EXT_SESSION_TICKET = 35;
    public static final int EXT_DELEGATED_CREDENTIALS = 34;
    /** RFC 8446, section 4.2.10: the client sends data before the handshake ends (0-RTT). */
    public static final int EXT_EARLY_DATA = 42;
    public static final int EXT_SUPPORTED_VERSIONS = 43;
    public static final int EXT_SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int EXT_KEY_SHARE = 51;
    public static final int EXT_ENCRYPTED_CLIENT_HELLO = 0xfe0d;

    /** RFC 8446, section 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_RANDOM = hex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private static final int[] NONE = new int[0];

    final int type;
    /** For an SSL 2.0 CLIENT-HELLO, the version it offers; else -1. */
    int sslv2Version = -1;
    final int length;
    /** The body while it is parsed; dropped afterwards (what matters was read out of it). */
    private byte[] body;
    private boolean truncated;

    // The hellos.
    int version = -1;
    byte[] random = new byte[0];
    int sessionIdLength = -1;
    /** The hello's session ID (RFC 5246, 7.4.1.2): a ServerHello that echoes the ClientHello's resumes that session. */
    byte[] sessionId = new byte[0];
    /** A ClientHello's SessionTicket extension (RFC 5077, 3.2), or a TLS 1.2 NewSessionTicket's ticket; empty when none. */
    byte[] sessionTicket = new byte[0];
    int[] cipherSuites = NONE;
    int[] compressionMethods = NONE;
    int[] extensionTypes = NONE;
    final List<String> serverNames = new ArrayList<>(1);
    final List<String> alpn = new ArrayList<>(2);
    int[] supportedVersions = NONE;
    int[] supportedGroups = NONE;
    int[] pointFormats = NONE;
    int[] keyShareGroups = NONE;
    /** A HelloRetryRequest's key_share: the group the server wants. */
    int selectedGroup = -1;
    /** A ServerKeyExchange's ECDHE group (RFC 8422, section 5.4), else -1. */
    int namedGroup = -1;
    /** Signature algorithms of signature_algorithms, signature_algorithms_cert and delegated credentials, in order. */
    int[] signatureAlgorithms = NONE;
    /** The signature_algorithms extension's own list. */
    private int[] signatureAlgorithmsOnly = NONE;
    // The certificate chain: each certificate's DER bytes.
    final List<byte[]> certificates = new ArrayList<>(3);
    private List<TlsCertificate> parsedCertificates;
    long ticketLifetimeHint = -1;

    private TlsHandshake(int type, byte[] body) {
        this(type, body, (Void) null);
    }

    /**
     * @param tls12 the connection negotiated TLS 1.2, whose ServerKeyExchange and
     *              CertificateVerify name their signature algorithm (RFC 5246, section 7.4.1.4.1)
     */
    TlsHandshake(int type, byte[] body, boolean tls12, boolean tls13) {
        this(type, body);
        parse(tls12, tls13);
        this.body = null;
    }

    /** The message without its body read yet. */
    private TlsHandshake(int type, byte[] body, Void unparsed) {
        this.type = type;
        this.length = body.length;
        this.body = body;
    }

    private void parse(boolean tls12, boolean tls13) {
        ByteReader r = new ByteReader(body, 0, body.length);
        switch (type) {
            case CLIENT_HELLO -> clientHello(r);
            case SERVER_HELLO -> serverHello(r);
            // RFC 8446, section 4.4.2: TLS 1.3 adds a request context, and extensions per certificate.
            case CERTIFICATE -> certificate(r, tls13);
            case NEW_SESSION_TICKET -> {
                ticketLifetimeHint = r.u32();
                if (!tls13) {
                    // RFC 5077, 3.3: the lifetime hint, then the ticket (TLS 1.3's has more before it).
                    sessionTicket = rest(r.slice(Math.max(0, r.u16())));
                }
            }
            case SERVER_KEY_EXCHANGE -> serverKeyExchange(r, tls12);
            case CERTIFICATE_REQUEST -> {
                // RFC 5246, section 7.4.4: certificate types, then the signature algorithms (TLS 1.2).
                r.slice(Math.max(0, r.u8()));
                if (tls12) {
                    signatureAlgorithms = u16List(r.slice(Math.max(0, r.u16())));
                }
            }
            // RFC 8446, section 4.3.1: TLS 1.3's only extensions the server sends under the handshake keys (ALPN among them).
            case ENCRYPTED_EXTENSIONS -> extensions(r.slice(r.u16()), false);
            case CERTIFICATE_VERIFY -> {
                // RFC 5246, section 7.4.8, and RFC 8446, section 4.4.3: the signature algorithm first.
                if (tls12 || tls13) {
                    int algorithm = r.u16();
                    signatureAlgorithms = algorithm < 0 ? NONE : new int[] {algorithm};
                }
            }
            default -> { }
        }
        truncated |= r.truncated();
    }

    /**
     * An SSL 2.0 CLIENT-HELLO (RFC 5246, appendix E.2): the 3-byte cipher specs whose first byte
     * is 0 are TLS cipher suites and are listed as such; the challenge stands in for the random.
     */
    static TlsHandshake sslv2ClientHello(int version, byte[] body) {
        TlsHandshake m = new TlsHandshake(CLIENT_HELLO, body);
        m.sslv2Version = version;
        ByteReader r = new ByteReader(body, 0, body.length);
        int specLength = r.u16();
        m.sessionIdLength = r.u16();
        int challengeLength = r.u16();
        ByteReader specs = r.slice(Math.max(0, specLength));
        int[] suites = new int[specs.remaining() / 3];
        int n = 0;
        while (specs.remaining() >= 3) {
            int high = specs.u8();
            int low = specs.u16();
            if (high == 0) {
                suites[n++] = low;
            }
        }
        m.cipherSuites = Arrays.copyOf(suites, n);
        r.slice(Math.max(0, m.sessionIdLength));
        m.random = r.bytes(Math.max(0, challengeLength));
        m.version = version;
        m.truncated |= r.truncated();
        m.body = null;
        return m;
    }

    private void clientHello(ByteReader r) {
        version = r.u16();
        random = r.bytes(32);
        sessionIdLength = r.u8();
        sessionId = rest(r.slice(Math.max(0, sessionIdLength)));
        cipherSuites = u16List(r.slice(Math.max(0, r.u16())));
        ByteReader compression = r.slice(Math.max(0, r.u8()));
        compressionMethods = new int[compression.remaining()];
        for (int i = 0; i < compressionMethods.length; i++) {
            compressionMethods[i] = compression.u8();
        }
        if (r.remaining() >= 2) {
            extensions(r.slice(r.u16()), true);
        }
    }

    /** What is left in the reader, as bytes. */
    private static byte[] rest(ByteReader r) {
        return r.bytes(r.remaining());
    }

    private void serverHello(ByteReader r) {
        version = r.u16();
        random = r.bytes(32);
        sessionIdLength = r.u8();
        sessionId = rest(r.slice(Math.max(0, sessionIdLength)));
        int cipher = r.u16();
        cipherSuites = cipher < 0 ? NONE : new int[] {cipher};
        int compression = r.u8();
        compressionMethods = compression < 0 ? NONE : new int[] {compression};
        if (r.remaining() >= 2) {
            extensions(r.slice(r.u16()), false);
        }
    }

    /**
     * RFC 8422, section 5.4 (ECDHE: curve type 3, a named group, the public point) or RFC 5246,
     * section 7.4.3 (DHE: p, g, Ys); then, in TLS 1.2, the signature's algorithm.
     */
    private void serverKeyExchange(ByteReader r, boolean tls12) {
        if (body.length > 0 && (body[0] & 0xFF) == 3) {
            r.u8();
            namedGroup = r.u16();
            r.slice(Math.max(0, r.u8()));
        } else {
            for (int i = 0; i < 3; i++) {
                r.slice(Math.max(0, r.u16()));
            }
        }
        if (tls12 && r.remaining() >= 4) {
            signatureAlgorithms = new int[] {r.u16()};
        }
    }

    private void extensions(ByteReader r, boolean client) {
        int[] types = new int[8];
        int count = 0;
        while (r.remaining() >= 4) {
            int extType = r.u16();
            ByteReader data = r.slice(r.u16());
            if (count == types.length) {
                types = Arrays.copyOf(types, count * 2);
            }
            types[count++] = extType;
            switch (extType) {
                case EXT_SERVER_NAME -> {
                    if (client) {
                        ByteReader list = data.slice(data.u16());
                        while (list.remaining() >= 3) {
                            list.u8();
                            serverNames.add(list.latin1(list.u16()));
                        }
                    }
                }
                case EXT_SUPPORTED_GROUPS -> supportedGroups = u16List(data.slice(data.u16()));
                case EXT_SESSION_TICKET -> {
                    if (client) {
                        sessionTicket = rest(data);
                    }
                }
                case EXT_EC_POINT_FORMATS -> {
                    ByteReader list = data.slice(data.u8());
                    pointFormats = new int[list.remaining()];
                    for (int i = 0; i < pointFormats.length; i++) {
                        pointFormats[i] = list.u8();
                    }
                }
                case EXT_SIGNATURE_ALGORITHMS, EXT_SIGNATURE_ALGORITHMS_CERT, EXT_DELEGATED_CREDENTIALS -> {
                    int[] list = u16List(data.slice(data.u16()));
                    signatureAlgorithms = concat(signatureAlgorithms, list);
                    if (extType == EXT_SIGNATURE_ALGORITHMS && signatureAlgorithmsOnly.length == 0) {
                        signatureAlgorithmsOnly = list;
                    }
                }
                case EXT_ALPN -> {
                    ByteReader list = data.slice(data.u16());
                    while (list.remaining() >= 1) {
                        alpn.add(list.latin1(list.u8()));
                    }
                }
                case EXT_SUPPORTED_VERSIONS -> supportedVersions = client
                        ? u16List(data.slice(data.u8())) : new int[] {data.u16()};
                case EXT_KEY_SHARE -> {
                    if (!client && helloRetryRequest()) {
                        selectedGroup = data.u16();
                    } else {
                        keyShareGroups = keyShares(data, client);
                    }
                }
                default -> { }
            }
        }
        extensionTypes = Arrays.copyOf(types, count);
    }

    /** RFC 8446, section 4.2.8: a client lists shares; a server picks one; a HelloRetryRequest names only the group. */
    private int[] keyShares(ByteReader data, boolean client) {
        if (!client) {
            int group = data.u16();
            return group < 0 ? NONE : new int[] {group};
        }
        ByteReader list = data.slice(data.u16());
        int[] groups = new int[4];
        int n = 0;
        while (list.remaining() >= 4) {
            int group = list.u16();
            list.slice(list.u16());
            if (n == groups.length) {
                groups = Arrays.copyOf(groups, n * 2);
            }
            groups[n++] = group;
        }
        return Arrays.copyOf(groups, n);
    }

    private void certificate(ByteReader r, boolean tls13) {
        if (tls13) {
            r.slice(Math.max(0, r.u8()));
        }
        ByteReader list = r.slice(Math.max(0, r.u24()));
        while (list.remaining() >= 3) {
            certificates.add(list.bytes(list.u24()));
            if (tls13) {
                list.slice(Math.max(0, list.u16()));
            }
        }
        truncated |= list.truncated();
    }

    private static int[] u16List(ByteReader r) {
        int[] out = new int[r.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.u16();
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public int type() { return type; }

    /** Wireshark's name of the message, as its Info column shows it. */
    public String name() {
        if (helloRetryRequest()) {
            return "Hello Retry Request";
        }
        return typeName(type);
    }

    /** The handshake types Wireshark 4.0 names (packet-tls-utils.c, ssl_31_handshake_type). */
    public static boolean named(int type) {
        return switch (type) {
            case 0, 1, 2, 3, 4, 5, 6, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 67 -> true;
            default -> false;
        };
    }

    /** A handshake type's name: Wireshark's for those it {@link #named names}, RFC 8446's message_hash, else the number. */
    public static String typeName(int type) {
        return switch (type) {
            case HELLO_REQUEST -> "Hello Request";
            case CLIENT_HELLO -> "Client Hello";
            case SERVER_HELLO -> "Server Hello";
            case 3 -> "Hello Verify Request";
            case NEW_SESSION_TICKET -> "New Session Ticket";
            case 5 -> "End of Early Data";
            case 6 -> "Hello Retry Request";
            case ENCRYPTED_EXTENSIONS, 67 -> "Encrypted Extensions";
            case CERTIFICATE -> "Certificate";
            case SERVER_KEY_EXCHANGE -> "Server Key Exchange";
            case CERTIFICATE_REQUEST -> "Certificate Request";
            case SERVER_HELLO_DONE -> "Server Hello Done";
            case CERTIFICATE_VERIFY -> "Certificate Verify";
            case CLIENT_KEY_EXCHANGE -> "Client Key Exchange";
            case FINISHED -> "Finished";
            case 21 -> "Client Certificate URL";
            case 22 -> "Certificate Status";
            case 23 -> "Supplemental Data";
            case KEY_UPDATE -> "Key Update";
            case 25 -> "Compressed Certificate";
            case 254 -> "Message Hash";
            default -> "Unknown (" + type + ")";
        };
    }

    public int length() { return length; }

    public boolean truncated() { return truncated; }

    public boolean helloRetryRequest() {
        return type == SERVER_HELLO && Arrays.equals(random, HELLO_RETRY_RANDOM);
    }

    public int version() { return version; }

    public int[] cipherSuites() { return cipherSuites.clone(); }

    public int sessionIdLength() { return sessionIdLength; }

    public int[] compressionMethods() { return compressionMethods.clone(); }

    public int[] signatureAlgorithms() { return signatureAlgorithms.clone(); }

    /** A NewSessionTicket's lifetime hint in seconds, else -1. */
    public long ticketLifetimeHint() { return ticketLifetimeHint; }

    public List<String> serverNames() { return List.copyOf(serverNames); }

    public List<String> alpn() { return List.copyOf(alpn); }

    public int[] supportedVersions() { return supportedVersions.clone(); }

    public int[] keyShareGroups() { return keyShareGroups.clone(); }

    /**
     * What a ClientHello offers beyond the basics, by extension: a pre-shared key (RFC 8446,
     * section 4.2.11; resumption), early data (0-RTT, section 4.2.10), Encrypted Client Hello
     * (the real server name is hidden), session ticket (RFC 5077).
     */
    public List<String> offers() {
        List<String> out = new ArrayList<>(4);
        for (int t : extensionTypes) {
            String name = switch (t) {
                case 35 -> "session_ticket";
                case 41 -> "pre_shared_key";
                case EXT_EARLY_DATA -> "early_data";
                case EXT_ENCRYPTED_CLIENT_HELLO -> "encrypted_client_hello";
                default -> null;
            };
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** True for a ClientHello with the early_data extension (RFC 8446, section 4.2.10). */
    boolean offersEarlyData() {
        return type == CLIENT_HELLO && contains(extensionTypes, EXT_EARLY_DATA);
    }

    /** The group a HelloRetryRequest asks for, else -1. */
    public int selectedGroup() { return selectedGroup; }

    /** The ECDHE group of a ServerKeyExchange, else -1. */
    public int namedGroup() { return namedGroup; }

    public int[] supportedGroups() { return supportedGroups.clone(); }

    public int[] extensionTypes() { return extensionTypes.clone(); }

    /** Each certificate of a Certificate message, DER-encoded, leaf first. */
    public List<byte[]> certificates() { return certificates; }

    /** The certificates, parsed (once, when first asked for). */
    public List<TlsCertificate> parsedCertificates() {
        if (parsedCertificates == null) {
            List<TlsCertificate> out = new ArrayList<>(certificates.size());
            for (byte[] der : certificates) {
                out.add(TlsCertificate.parse(der));
            }
            parsedCertificates = out;
        }
        return parsedCertificates;
    }

    /**
     * Signature algorithms in Wireshark's order for tls.handshake.sig_hash_alg: those of the
     * message itself, or, in a Certificate, those of each certificate's timestamps.
     */
    public int[] allSignatureAlgorithms() {
        if (type != CERTIFICATE) {
            return signatureAlgorithms.clone();
        }
        int[] out = new int[0];
        for (TlsCertificate c : parsedCertificates()) {
            out = concat(out, c.sctSignatureAlgorithms());
        }
        return out;
    }

    /**
     * JA3's string (salesforce/ja3): for a ClientHello, version, cipher suites, extensions,
     * groups and point formats; for a ServerHello (JA3S), version, cipher suite and extensions.
     * GREASE values (RFC 8701) are left out of the ClientHello's lists.
     */
    public String ja3Full() {
        StringBuilder out = new StringBuilder(256);
        out.append(version).append(',');
        if (type == CLIENT_HELLO) {
            joinWithoutGrease(out, cipherSuites).append(',');
            joinWithoutGrease(out, extensionTypes).append(',');
            joinWithoutGrease(out, supportedGroups).append(',');
            joinWithoutGrease(out, pointFormats);
        } else {
            joinWithoutGrease(out, cipherSuites).append(',');
            joinWithoutGrease(out, extensionTypes);
        }
        return out.toString();
    }

    /** The MD5 of {@link #ja3Full()}, in lower-case hex. */
    public String ja3() {
        try {
            return hex(MessageDigest.getInstance("MD5").digest(ja3Full().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /**
     * JA4 (FoxIO's JA4 specification, "JA4: TLS Client Fingerprint") of a ClientHello over TCP:
     * {@code t}, the highest version offered, {@code d} with a server name or {@code i} without,
     * the counts of cipher suites and extensions, the first and last character of the first ALPN
     * value; then the truncated SHA-256 of the sorted cipher suites, and of the sorted extensions
     * (without server_name and ALPN) followed by the signature algorithms in their order. GREASE
     * values count nowhere.
     */
    public String ja4() {
        return ja4(false);
    }

    /** JA4 with its two lists in clear instead of hashed (the specification's ja4_r). */
    public String ja4Raw() {
        return ja4(true);
    }

    /** JA4's first letter, the transport: 't' TCP, 'q' QUIC (FoxIO's JA4 specification). */
    private char transport = 't';

    /** The message came in QUIC's CRYPTO frames (its JA4 begins with 'q'). */
    void overQuic() {
        transport = 'q';
    }

    private String ja4(boolean raw) {
        int[] ciphers = withoutGrease(cipherSuites);
        int[] extensions = withoutGrease(extensionTypes);
        int highest = version;
        for (int v : withoutGrease(supportedVersions)) {
            highest = Math.max(highest, v);
        }
        String versionCode = switch (highest) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            default -> "00";
        };
        StringBuilder a = new StringBuilder(10);
        a.append(transport).append(versionCode).append(contains(extensionTypes, EXT_SERVER_NAME) ? 'd' : 'i');
        a.append(String.format(java.util.Locale.ROOT, "%02d%02d", Math.min(99, ciphers.length), Math.min(99, extensions.length)));
        a.append(alpnCode());
        int[] sortedCiphers = ciphers.clone();
        Arrays.sort(sortedCiphers);
        String b = hexList(sortedCiphers);
        int[] sortedExtensions = Arrays.stream(extensions).filter(e -> e != EXT_SERVER_NAME && e != EXT_ALPN).sorted().toArray();
        int[] algorithms = extensionSignatureAlgorithms();
        String c = hexList(sortedExtensions) + (algorithms.length > 0 ? "_" + hexList(algorithms) : "");
        if (raw) {
            return a + "_" + b + "_" + c;
        }
        return a + "_" + (sortedCiphers.length == 0 ? "000000000000" : sha256(b).substring(0, 12))
                + "_" + (sortedExtensions.length == 0 ? "000000000000" : sha256(c).substring(0, 12));
    }

    /** The first ALPN value's first and last characters; hex of those bytes when they are not alphanumeric; "00" without ALPN. */
    private String alpnCode() {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            return "00";
        }
        String first = alpn.get(0);
        char x = first.charAt(0);
        char y = first.charAt(first.length() - 1);
        if (Character.isLetterOrDigit(x) && x < 0x80 && Character.isLetterOrDigit(y) && y < 0x80) {
            return "" + x + y;
        }
        String hex = String.format(java.util.Locale.ROOT, "%02x%02x", (int) x & 0xFF, (int) y & 0xFF);
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    /** The signature_algorithms extension's list alone (JA4 leaves out the other lists). */
    private int[] extensionSignatureAlgorithms() {
        return signatureAlgorithmsOnly;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] withoutGrease(int[] values) {
        return Arrays.stream(values).filter(v -> !grease(v)).toArray();
    }

    private static String hexList(int[] values) {
        StringBuilder out = new StringBuilder(values.length * 5);
        for (int v : values) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(String.format(java.util.Locale.ROOT, "%04x", v));
        }
        return out.toString();
    }

    private static String sha256(String s) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** RFC 8701, section 2: GREASE values are 0x?A?A with both bytes equal. */
    public static boolean grease(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }

    private static StringBuilder joinWithoutGrease(StringBuilder out, int[] values) {
        boolean first = true;
        for (int v : values) {
            if (!grease(v)) {
                if (!first) {
                    out.append('-');
                }
                out.append(v);
                first = false;
            }
        }
        return out;
    }

    /** Lower-case hex of the bytes. */
    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
