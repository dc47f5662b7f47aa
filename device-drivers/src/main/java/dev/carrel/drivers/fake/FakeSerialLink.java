package dev.carrel.drivers.fake;

import dev.carrel.drivers.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-memory serial port. {@link #inject} makes bytes arrive as if from the device; {@link
 * #written()} is what the driver sent; {@link #onWrite} lets a test answer like the device would;
 * {@link #unplug()} makes the next read fail like a pulled USB adapter. Reads wait at most 50 ms
 * and may return 0 bytes, like jSerialComm's semi-blocking mode.
 */
public final class FakeSerialLink implements SerialLink {

    private static final byte[] UNPLUGGED = new byte[0];

    private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private volatile Consumer<byte[]> responder = b -> {};
    private volatile boolean closed;
    private volatile boolean unplugged;

    private final InputStream input = new InputStream() {
        private byte[] chunk = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == chunk.length) {
                byte[] next;
                try {
                    next = incoming.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (unplugged || next == UNPLUGGED) {
                    throw new IOException("device unplugged");
                }
                if (closed) {
                    throw new IOException("port closed");
                }
                if (next == null) {
                    return 0;
                }
                chunk = next;
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed || unplugged) {
                throw new IOException("port closed");
            }
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            synchronized (written) {
                written.write(copy, 0, copy.length);
            }
            responder.accept(copy);
        }
    };

    /** Bytes arrive from the device, in one read or several. */
    public void inject(byte[] bytes) {
        incoming.add(bytes.clone());
    }

    /** Everything the driver wrote so far. */
    public byte[] written() {
        synchronized (written) {
            return written.toByteArray();
        }
    }

    /** Called with each write, on the writer's thread: answer with {@link #inject}. */
    public void onWrite(Consumer<byte[]> responder) {
        this.responder = responder;
    }

    public void unplug() {
        unplugged = true;
        incoming.add(UNPLUGGED);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        closed = true;
    }
}
