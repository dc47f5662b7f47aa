package dev.carrel.drivers.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;

/** A Pi4J context on the mock platform, as STACK.md §2 shows, and helpers to poke its pins. */
final class MockPi implements AutoCloseable {

    final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(
                    MockDigitalInputProvider.newInstance(),
                    MockDigitalOutputProvider.newInstance(),
                    MockPwmProvider.newInstance(),
                    MockI2CProvider.newInstance())
            .build();

    final Pi4jGpio gpio = new Pi4jGpio(pi4j);

    void drive(String inputId, boolean high) {
        MockDigitalInput in = pi4j.registry().get(inputId, MockDigitalInput.class);
        in.mockState(DigitalState.getState(high));
    }

    boolean outputHigh(String outputId) {
        return pi4j.registry().get(outputId, DigitalOutput.class).isHigh();
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
