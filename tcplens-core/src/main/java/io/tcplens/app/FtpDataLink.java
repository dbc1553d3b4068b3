package io.tcplens.app;

/**
 * How an FTP data connection was set up on its control connection.
 *
 * @param controlStream the control connection's tcp.stream
 * @param setupFrame    the frame that announced the data endpoint: the PORT or EPRT command, or the
 *                      227 or 229 reply to PASV or EPSV
 * @param method        PORT, EPRT, PASV or EPASV (Wireshark's names)
 * @param command       the transfer command that used it (RETR, STOR, LIST, ...) with its argument, or null
 * @param commandFrame  that command's frame, or 0
 */
public record FtpDataLink(long controlStream, long setupFrame, String method, String command, long commandFrame) { }
