/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A socket whose first bytes (the start of the A-ASSOCIATE-RQ PDU) have been read to learn the
 * called AE title, and are handed back to whoever reads the socket next (PixelMed's SCP).
 */
final class PeekedSocket extends Socket {

    private final Socket socket;
    private final PushbackInputStream in;
    private final String calledAeTitle;

    private PeekedSocket(Socket socket, PushbackInputStream in, String calledAeTitle) {
        this.socket = socket;
        this.in = in;
        this.calledAeTitle = calledAeTitle;
    }

    /** Reads the PDU header and the called AE title (PS3.8 9.3.2: bytes 11-26 of the A-ASSOCIATE-RQ). */
    static PeekedSocket peek(Socket socket) throws IOException {
        PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 26);
        byte[] head = in.readNBytes(26);
        in.unread(head);
        String called = head.length == 26 && head[0] == 0x01 ? new String(head, 10, 16, StandardCharsets.US_ASCII).strip() : "";
        return new PeekedSocket(socket, in, called);
    }

    String calledAeTitle() {
        return calledAeTitle;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public synchronized void close() throws IOException {
        socket.close();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public synchronized int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public synchronized void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public synchronized int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
