package dev.carrel.hub.passes;

import dev.carrel.protocol.MobilePass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The hub's Ed25519 key pair for signing mobile passes (RFC 8032), kept in one file in the data dir: the
 * base64 PKCS#8 private key on the first line, the public key in the gates' form (base64url of its 32 raw
 * bytes, {@link MobilePass#publicKey(String)}) on the second. Made on the first start, mode 600 where the
 * file system allows; a file others can read is refused. Gates need only the second line.
 */
public final class PassKeys {
    public static final String FILE = "pass-signing-key";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private PassKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static PassKeys loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        checkPrivate(file);
        String[] lines =
                Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\R");
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip())));
            return new PassKeys(key, MobilePass.publicKey(lines[1].strip()));
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(file + " is not a pass key file (two lines: PKCS#8 key, public key)", e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        if (Files.getFileStore(file.toAbsolutePath().getParent())
                .supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + MobilePass.encodePublicKey(pair.getPublic()) + "\n";
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void checkPrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            var perms = view.readAttributes().permissions();
            if (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
                throw new IOException(file + " must be readable by its owner only (chmod 600)");
            }
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as gates configure it ({@code site.pass-keys}). */
    public String publicKeyText() {
        return MobilePass.encodePublicKey(publicKey);
    }

    @Override
    public String toString() {
        return "PassKeys[" + publicKeyText() + "]";
    }
}
