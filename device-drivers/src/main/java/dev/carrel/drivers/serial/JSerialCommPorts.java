package dev.carrel.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link SerialPorts} over jSerialComm. Opens by path ({@code getCommPort} also opens socat ptys and
 * udev symlinks, jSerialComm #9, #25) in semi-blocking read mode with a short timeout, so a reader
 * thread notices {@code close()} and an unplugged adapter promptly.
 */
public final class JSerialCommPorts implements SerialPorts {

    private static final int READ_TIMEOUT_MS = 200;

    @Override
    public SerialLink open(String port, int baud) throws IOException {
        SerialPort sp;
        try {
            sp = SerialPort.getCommPort(port);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + port, e);
        }
        sp.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        sp.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        sp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!sp.openPort()) {
            throw new IOException("cannot open serial port " + port + " (error " + sp.getLastErrorCode() + ")");
        }
        InputStream in = sp.getInputStream();
        OutputStream out = sp.getOutputStream();
        return new SerialLink() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public void close() {
                sp.closePort();
            }
        };
    }
}
