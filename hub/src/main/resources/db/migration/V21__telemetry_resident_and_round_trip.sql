-- The agent's resident memory and broker round trip (issue 4's telemetry); absent in older samples.
ALTER TABLE telemetry ADD COLUMN resident_bytes INTEGER;
ALTER TABLE telemetry ADD COLUMN broker_rtt_ms INTEGER;
