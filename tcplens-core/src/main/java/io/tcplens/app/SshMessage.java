package io.tcplens.app;

/**
 * One unit of an SSH connection as Wireshark's dissector shows it: an identification string
 * (RFC 4253, section 4.2), a binary packet of the key exchange, still in clear (section 6), or
 * the bytes of a segment after the sender's NEWKEYS, which are encrypted.
 *
 * @param kind          which of the three
 * @param fromServer    sent by the server (Wireshark's "Server: " lead): from the SSH port
 * @param protocol      the identification string without its line end (PROTOCOL), else null
 * @param packetLength  the binary packet's length field (PACKET), else -1
 * @param paddingLength its padding length (PACKET), else -1
 * @param code          its message code (PACKET), else -1
 * @param name          Wireshark's name of the message (PACKET), else null
 * @param encrypted     the encrypted bytes' length (ENCRYPTED), else -1
 * @param kexInit       what a KEXINIT offered (PACKET of code 20), else null
 * @param hostKeyType   the server host key's type a key exchange reply carried, else null
 */
public record SshMessage(Kind kind, boolean fromServer, String protocol, long packetLength, int paddingLength, int code,
                         String name, int encrypted, KexInit kexInit, String hostKeyType) {
    /** What the unit is. */
    public enum Kind { PROTOCOL, PACKET, ENCRYPTED }

    /**
     * A KEXINIT's offer (RFC 4253, section 7.1): the ten name-lists in their order (key exchange,
     * host key, encryption, MAC and compression each way, languages each way), and the HASSH
     * fingerprint of the sender's side of it as Wireshark computes it.
     */
    public record KexInit(java.util.List<String> lists, boolean firstKexPacketFollows, String hasshAlgorithms,
                          String hassh) {
        public String kexAlgorithms() { return lists.get(0); }
    }

    /** The words Wireshark's Info column gives the unit. */
    public String words() {
        return switch (kind) {
            case PROTOCOL -> "Protocol (" + protocol + ")";
            case PACKET -> name;
            case ENCRYPTED -> "Encrypted packet (len=" + encrypted + ")";
        };
    }
}
