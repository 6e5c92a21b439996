package dev.retain.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SMTP server that accepts every message and keeps only what the benchmark counts: who it was for, its Message-ID,
 * the name the sending instance greeted with, and when it arrived ({@link System#nanoTime()}). Holding whole messages
 * for a few hundred thousand sends would measure the server's memory, not the sender.
 */
final class SmtpSink implements AutoCloseable {

    /** One message handed over: accepted after the final "." of its data. */
    record Received(String recipient, String messageId, String sender, long nanos) {}

    private final ServerSocket socket;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    SmtpSink() throws IOException {
        socket = new ServerSocket(0, 200);
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    int count() {
        return received.size();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sessions.execute(() -> session(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (client;
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String sender = "";
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() < 4
                        ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> {
                        sender = line.substring(4).trim();
                        reply(out, "250 sink");
                    }
                    case "RCPT" -> {
                        recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String messageId = readData(in);
                        received.add(new Received(recipient, messageId, sender, System.nanoTime()));
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the sender went away mid-session (a killed instance): nothing was accepted
        }
    }

    /** Reads the message up to the lone "."; returns its Message-ID header. */
    private static String readData(BufferedReader in) throws IOException {
        String messageId = null;
        boolean headers = true;
        for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
            if (line == null) {
                throw new IOException("the connection closed before the end of the data");
            }
            if (line.isEmpty()) {
                headers = false;
            } else if (headers && messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageId = line.substring(11).trim();
            }
        }
        return messageId;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        sessions.shutdownNow();
    }
}
