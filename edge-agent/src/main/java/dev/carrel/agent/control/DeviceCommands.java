package dev.carrel.agent.control;

import dev.carrel.agent.control.CommandHandler.Applied;
import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.seats.DeviceSeatEffects;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.Signal;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out lamp, outlet, gate and identify commands on the agent's devices; reload and sync on the
 * agent itself. The state reported afterwards is read back from the devices.
 */
public final class DeviceCommands implements CommandHandler.Executor {
    private final AgentDevices devices;
    private final DeviceSeatEffects reports;
    private final ScheduledExecutorService timer;
    private final Runnable resync;
    private final SeatSessions seats;

    /**
     * @param resync re-sends birth and reported twin and re-applies the desired twin (reload and sync)
     */
    public DeviceCommands(
            AgentDevices devices,
            DeviceSeatEffects reports,
            SeatSessions seats,
            ScheduledExecutorService timer,
            Runnable resync) {
        this.devices = devices;
        this.seats = seats;
        this.reports = reports;
        this.timer = timer;
        this.resync = resync;
    }

    @Override
    public Applied apply(Command command) {
        return switch (command.body()) {
            case CommandBody.SetLamp c -> lamp(c);
            case CommandBody.SetOutlet c -> outlet(c);
            case CommandBody.PulseGate c -> gate(c);
            case CommandBody.Identify c -> identify(c);
            case CommandBody.Reload c -> again();
            case CommandBody.Sync c -> again();
            case CommandBody.SeatAction c -> seat(c);
        };
    }

    private Applied lamp(CommandBody.SetLamp c) {
        Optional<Lamp> lamp = devices.find(c.endpointId(), Lamp.class);
        if (lamp.isEmpty()) {
            return Applied.failed("no lamp '" + c.endpointId() + "' on this agent");
        }
        if (c.brightness().isPresent() && c.on()) {
            lamp.get().brightness(c.brightness().get());
        } else {
            lamp.get().power(c.on());
        }
        reports.publish(lamp.get());
        return lamp.get().state().on() == c.on() ? Applied.ok() : Applied.failed("the lamp did not switch");
    }

    private Applied outlet(CommandBody.SetOutlet c) {
        Optional<Outlet> outlet = devices.find(c.endpointId(), Outlet.class);
        if (outlet.isEmpty()) {
            return Applied.failed("no outlet '" + c.endpointId() + "' on this agent");
        }
        outlet.get().power(c.on());
        reports.publish(outlet.get());
        return Applied.ok();
    }

    private Applied gate(CommandBody.PulseGate c) {
        Optional<GateActuator> gate = devices.find(c.gateId(), GateActuator.class);
        if (gate.isEmpty()) {
            return Applied.failed("no gate '" + c.gateId() + "' on this agent");
        }
        gate.get().pulse(Duration.ofMillis(c.millis())); // the driver's interlock caps it
        return Applied.ok();
    }

    private Applied identify(CommandBody.Identify c) {
        var indicators = devices.all(Indicator.class);
        if (indicators.isEmpty()) {
            return Applied.failed("this agent has no indicator to blink");
        }
        indicators.forEach(i -> i.show(Signal.ATTENTION));
        timer.schedule(() -> indicators.forEach(Indicator::clear), c.seconds(), TimeUnit.SECONDS);
        return Applied.ok();
    }

    /**
     * The hub's side of a seat session: a reservation, a verified phone check-in, a cancellation, a gate
     * exit, a long-term hold or a room group's reservation, and its end.
     */
    private Applied seat(CommandBody.SeatAction c) {
        if (c.action() == CommandBody.SeatAction.Action.RELEASE_PATRON) {
            seats.gateExit(c.patron());
            return Applied.ok();
        }
        String seatId = c.seatId().orElseThrow();
        SeatResult result =
                switch (c.action()) {
                    case RESERVE ->
                        seats.reserve(seatId, c.patron(), c.graceUntil().orElseThrow());
                    case CHECK_IN -> seats.checkIn(seatId, c.patron(), "hub");
                    case HOLD -> seats.hold(seatId, c.patron(), c.until().orElseThrow());
                    case RESERVE_GROUP ->
                        seats.reserveGroup(
                                seatId, c.holders().orElseThrow(), c.until().orElseThrow());
                    default -> seats.release(seatId, c.patron());
                };
        return switch (result) {
            case SeatResult.Done done -> Applied.ok();
            case SeatResult.Refused refused -> Applied.failed(refused.reason());
        };
    }

    private Applied again() {
        resync.run();
        return Applied.ok();
    }
}
