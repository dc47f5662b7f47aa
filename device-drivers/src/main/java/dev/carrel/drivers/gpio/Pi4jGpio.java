package dev.carrel.drivers.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link GpioPins} over a Pi4J 3 context. On the Pi build the context with {@code
 * Pi4J.newAutoContext()} (gpiod for digital lines, linuxfs for PWM and I2C); in tests with the mock
 * platform. The caller owns the context and shuts it down.
 */
public final class Pi4jGpio implements GpioPins {

    private static final Logger LOG = Logger.getLogger(Pi4jGpio.class.getName());

    private final Context pi4j;

    public Pi4jGpio(Context pi4j) {
        this.pi4j = pi4j;
    }

    @Override
    public OutputLine output(String id, int pin, boolean restHigh) {
        DigitalState rest = DigitalState.getState(restHigh);
        DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id(id)
                .address(pin)
                .initial(rest)
                .shutdown(rest)
                .build());
        return new OutputLine() {
            @Override
            public void level(boolean high) {
                out.state(DigitalState.getState(high));
            }

            @Override
            public boolean high() {
                return out.isHigh();
            }

            @Override
            public void close() {
                release(out);
            }
        };
    }

    @Override
    public InputLine input(String id, int pin, Pull pull, Duration debounce) {
        DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id(id)
                .address(pin)
                .pull(
                        switch (pull) {
                            case UP -> PullResistance.PULL_UP;
                            case DOWN -> PullResistance.PULL_DOWN;
                            case OFF -> PullResistance.OFF;
                        })
                .debounce(debounce.toNanos() / 1000L, TimeUnit.MICROSECONDS)
                .build());
        return new InputLine() {
            @Override
            public boolean high() {
                return in.isHigh();
            }

            @Override
            public void onLevel(LevelListener listener) {
                in.addListener(e -> listener.level(e.state().isHigh()));
            }

            @Override
            public void close() {
                release(in);
            }
        };
    }

    @Override
    public PwmLine pwm(String id, int pin, int frequencyHz) {
        Pwm pwm = pi4j.create(Pwm.newConfigBuilder(pi4j)
                .id(id)
                .address(pin)
                .pwmType(PwmType.HARDWARE)
                .frequency(frequencyHz)
                .initial(0)
                .shutdown(0)
                .build());
        int frequency = frequencyHz;
        return new PwmLine() {
            private int duty;

            @Override
            public synchronized void duty(int percent) {
                if (percent == 0) {
                    pwm.off();
                } else {
                    pwm.on(percent, frequency);
                }
                duty = percent;
            }

            @Override
            public synchronized int duty() {
                return pwm.isOn() ? duty : 0;
            }

            @Override
            public void close() {
                release(pwm);
            }
        };
    }

    @Override
    public I2cDevice i2c(String id, int bus, int address) {
        I2C i2c = pi4j.create(
                I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address).build());
        return new I2cDevice() {
            @Override
            public int readRegister(int register) throws IOException {
                try {
                    int v = i2c.readRegister(register);
                    if (v < 0) {
                        throw new IOException("I2C read of register " + register + " failed: " + v);
                    }
                    return v;
                } catch (RuntimeException e) {
                    throw new IOException("I2C read of register " + register + " failed", e);
                }
            }

            @Override
            public void writeRegister(int register, int value) throws IOException {
                try {
                    i2c.writeRegister(register, (byte) value);
                } catch (RuntimeException e) {
                    throw new IOException("I2C write of register " + register + " failed", e);
                }
            }

            @Override
            public void close() {
                release(i2c);
            }
        };
    }

    private void release(IO<?, ?, ?> io) {
        try {
            pi4j.shutdown(io.id());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing " + io.id(), e);
        }
    }
}
