package dev.carrel.protocol;

import java.util.Optional;

/** What a {@link Command} asks for: one record per {@link CommandName}. */
public sealed interface CommandBody {

    CommandName name();

    /** Switch a lamp; brightness (0-100) only for dimmable lamps. */
    record SetLamp(String endpointId, boolean on, Optional<Integer> brightness) implements CommandBody {
        public SetLamp {
            Check.localId("endpointId", endpointId);
            brightness = Check.optional("brightness", brightness);
            brightness.ifPresent(b -> Check.range("brightness", b, 0, 100));
        }

        @Override
        public CommandName name() {
            return CommandName.LAMP;
        }
    }

    record SetOutlet(String endpointId, boolean on) implements CommandBody {
        public SetOutlet {
            Check.localId("endpointId", endpointId);
        }

        @Override
        public CommandName name() {
            return CommandName.OUTLET;
        }
    }

    /** Open a gate for one pulse; the agent's interlock caps it whatever is asked. */
    record PulseGate(String gateId, int millis) implements CommandBody {
        public PulseGate {
            Check.localId("gateId", gateId);
            Check.range("millis", millis, 100, 10_000);
        }

        @Override
        public CommandName name() {
            return CommandName.GATE;
        }
    }

    /** Blink the agent's indicators so staff can find the device. */
    record Identify(int seconds) implements CommandBody {
        public Identify {
            Check.range("seconds", seconds, 1, 300);
        }

        @Override
        public CommandName name() {
            return CommandName.IDENTIFY;
        }
    }

    /** Re-read configuration. */
    record Reload() implements CommandBody {
        @Override
        public CommandName name() {
            return CommandName.RELOAD;
        }
    }

    /** Re-send state: birth, reported twin, and ask for a fresh allow-list snapshot. */
    record Sync() implements CommandBody {
        @Override
        public CommandName name() {
            return CommandName.SYNC;
        }
    }
}
