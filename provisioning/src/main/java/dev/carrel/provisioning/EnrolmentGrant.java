package dev.carrel.provisioning;

import java.util.List;
import java.util.Map;

/**
 * What the hub answers a successful enrolment: everything the device needs to start.
 *
 * @param agentId the device's new identity: its MQTT client id and user name
 * @param brokerUrl where it connects, e.g. {@code tcp://hub.library.example:1883}
 * @param brokerPassword its own broker secret, shown this once
 * @param role the role the token was made for
 * @param zone the zone the token was made for
 * @param siteId the site's id, empty when the hub has no site configured
 * @param passKeys the hub's Ed25519 public keys for mobile passes (base64 X.509), possibly none
 * @param config the initial agent settings (dashed YAML keys such as {@code keep-alive-seconds})
 */
public record EnrolmentGrant(
        String agentId,
        String brokerUrl,
        String brokerPassword,
        String role,
        String zone,
        String siteId,
        List<String> passKeys,
        Map<String, Object> config) {

    public EnrolmentGrant {
        passKeys = List.copyOf(passKeys);
        config = Map.copyOf(config);
    }
}
