package io.tcplens.app;

/**
 * What one FTP control segment says (RFC 959, section 4), read as Wireshark reads it: the first
 * line of the segment gives the command and its argument, or the reply code and its text; the
 * continuation lines of a multi-line reply carry neither.
 *
 * @param request  sent by the client
 * @param command  the command (USER, RETR, ...), else null
 * @param code     the reply code, else -1
 * @param argument the command's argument or the reply's text, else null
 * @param line     the segment's first line as sent
 */
public record FtpMessage(boolean request, String command, int code, String argument, String line) { }
