package org.xnat.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;

/**
 * The toolkit's SCP as the benchmark runs it: a {@link DicomServer} on 127.0.0.1 whose storage sink writes each
 * data set, with File Meta Information in front, to its own file in a directory; that is what dcmtk's
 * {@code storescp --bit-preserving} does (no fsync in either). Prints {@code READY <port>} and serves until
 * terminated.
 *
 * <p>Usage: {@code BenchScp <port> <output directory> [max PDU length, default 16384 like storescp]}
 */
public final class BenchScp {

    private static final Pattern SAFE_NAME = Pattern.compile("[^0-9.]");

    private BenchScp() {
    }

    /** Preamble, "DICM" and File Meta Information, encoded in memory. */
    static byte[] meta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        // a BufferedOutputStream of our own keeps DicomWriter from adding its 64 KiB buffer
        try (DicomWriter w = new DicomWriter(new BufferedOutputStream(bytes, 512))) {
            w.writeFileMetaInformation(FileMetaInformation.create(sopClassUid, sopInstanceUid, transferSyntaxUid));
        }
        return bytes.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int maxPdu = args.length > 2 ? Integer.parseInt(args[2]) : 16384;
        Files.createDirectories(dir);
        ConnectionOptions options = ConnectionOptions.builder().maxPduLengthReceive(maxPdu).build();
        DicomServer server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").port(port)
                .options(options).build()).storageSink((store, in) -> {
                    Path file = dir.resolve(SAFE_NAME.matcher(store.sopInstanceUid()).replaceAll("_") + ".dcm");
                    try (OutputStream out = new FileOutputStream(file.toFile())) {
                        out.write(meta(store.sopClassUid(), store.sopInstanceUid(), store.transferSyntaxUid()));
                        in.transferTo(out); // the data set exactly as received, one write per PDV
                    }
                    return DimseStatus.SUCCESS;
                }).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("READY " + server.port());
        System.out.flush();
        new CountDownLatch(1).await(); // serve until the harness stops us (SIGTERM runs the shutdown hook)
    }
}
