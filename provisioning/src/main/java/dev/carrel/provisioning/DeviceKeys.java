package dev.carrel.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The device's own Ed25519 key pair, made by the JDK at every enrolment (so re-enrolling is a new identity).
 * The private key never leaves the device: it is kept in {@code identity.key} (PKCS#8, base64, mode 0600) in
 * the agent's data folder; the hub keeps the public key to recognise the device later.
 */
public final class DeviceKeys {
    public static final String PRIVATE_KEY_FILE = "identity.key";

    private final KeyPair pair;

    private DeviceKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static DeviceKeys create() {
        try {
            return new DeviceKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** X.509 SubjectPublicKeyInfo in base64, as the hub stores it. */
    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Writes the private key to {@code dataDir/identity.key} with mode 0600. */
    public void save(Path dataDir) throws IOException {
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n";
        PrivateFiles.write(dataDir.resolve(PRIVATE_KEY_FILE), text.getBytes(StandardCharsets.US_ASCII));
    }
}
