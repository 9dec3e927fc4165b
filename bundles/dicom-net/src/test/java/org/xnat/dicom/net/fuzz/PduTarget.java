package org.xnat.dicom.net.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.PduFormatException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;
import org.xnat.dicom.net.internal.pdu.PDataParser;
import org.xnat.dicom.net.internal.pdu.PduCodec;
import org.xnat.dicom.net.internal.pdu.PduReader;
import org.xnat.dicom.net.internal.pdu.PduType;

/**
 * The in-process fuzz target for the PDU layer: a byte stream is consumed the way the SCP's receive path does,
 * with the toolkit's own decoders: {@link PduReader} frames PDUs, {@link PduCodec} decodes association PDUs (an
 * A-ASSOCIATE-RQ is answered by an A-ASSOCIATE-AC that is encoded and decoded again), {@link PDataParser} splits
 * P-DATA-TF into PDVs, command fragments are reassembled and decoded by {@link Command#decode}, and data set
 * fragments are reassembled and parsed by the {@link DicomReader} in the accepted transfer syntax.
 *
 * <p>Allowed outcomes: the stream is consumed, or one of {@link #ALLOWED}. Anything else is a crasher.
 */
final class PduTarget {

    /**
     * The network layer's exceptions ({@link PduFormatException}, association aborted/rejected, all
     * {@link DicomNetworkException}s), the data set parser's {@link DicomParseException}.
     */
    static final List<Class<? extends Throwable>> ALLOWED = List.of(DicomNetworkException.class,
            DicomParseException.class);

    static final int MAX_PDU = 65536;

    enum Verdict { CONSUMED, REJECTED, CRASH, HANG }

    record Outcome(Verdict verdict, Throwable error) {
        String describe() {
            return error == null ? verdict.toString() : verdict + ": " + error;
        }
    }

    private PduTarget() {
    }

    static void consume(byte[] stream) throws IOException {
        PduReader reader = new PduReader(new ByteArrayInputStream(stream));
        Map<Integer, String> accepted = new HashMap<>();
        PDataParser pdvs = new PDataParser();
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        ByteArrayOutputStream dataset = new ByteArrayOutputStream();
        while (true) {
            int type;
            try {
                type = reader.next(MAX_PDU);
            } catch (EOFException e) {
                return; // PduReader: the peer closed the connection between two PDUs
            }
            switch (type) {
                case PduType.A_ASSOCIATE_RQ -> {
                    AssociatePdu rq = PduCodec.decodeAssociate(type, reader.body(), reader.length());
                    byte[] ac = PduCodec.encodeAssociate(PduType.A_ASSOCIATE_AC, answer(rq, accepted));
                    PduCodec.decodeAssociate(PduType.A_ASSOCIATE_AC, java.util.Arrays.copyOfRange(ac, 6, ac.length),
                            ac.length - 6);
                }
                case PduType.A_ASSOCIATE_AC -> PduCodec.decodeAssociate(type, reader.body(), reader.length());
                case PduType.A_ASSOCIATE_RJ -> PduCodec.decodeReject(reader.body(), reader.length());
                case PduType.A_ABORT -> PduCodec.decodeAbort(reader.body(), reader.length());
                case PduType.P_DATA_TF -> {
                    pdvs.reset(reader.body(), reader.length());
                    while (pdvs.hasNext()) {
                        pdvs.next();
                        String ts = accepted.get(pdvs.presentationContextId());
                        if (ts == null) {
                            throw new PduFormatException("PDV on a context that was not accepted");
                        }
                        ByteArrayOutputStream target = pdvs.isCommand() ? command : dataset;
                        if (target.size() + pdvs.dataLength() > (pdvs.isCommand() ? Command.MAX_ENCODED_LENGTH
                                : 4 << 20)) {
                            throw new PduFormatException("message too long");
                        }
                        target.write(pdvs.data(), pdvs.dataOffset(), pdvs.dataLength());
                        if (pdvs.isLast() && pdvs.isCommand()) {
                            byte[] raw = command.toByteArray();
                            Command c = Command.decode(raw, raw.length);
                            c.toString();
                            command.reset();
                        } else if (pdvs.isLast()) {
                            byte[] raw = dataset.toByteArray();
                            dataset.reset();
                            try (DicomReader r = new DicomReader(new ByteArrayInputStream(raw),
                                    ReadOptions.defaults().transferSyntax(TransferSyntax.forUid(ts)))) {
                                r.readDataset().toString();
                            }
                        }
                    }
                }
                default -> {
                    // release request/response: nothing to decode
                }
            }
        }
    }

    /** Accepts Verification and CT Image Storage in the first proposed uncompressed transfer syntax. */
    private static AssociatePdu answer(AssociatePdu rq, Map<Integer, String> accepted) {
        AssociatePdu ac = new AssociatePdu();
        ac.callingAeTitle = rq.callingAeTitle;
        ac.calledAeTitle = rq.calledAeTitle;
        ac.maxPduLength = MAX_PDU;
        ac.implementationClassUid = "1.2.3";
        ac.implementationVersionName = "FUZZ";
        List<String> ours = List.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian);
        for (PresentationContext pc : rq.presentationContexts) {
            boolean known = UID.Verification.equals(pc.abstractSyntax()) || Sessions.CT.equals(pc.abstractSyntax());
            String ts = pc.transferSyntaxes().stream().filter(ours::contains).findFirst().orElse(null);
            if (known && ts != null) {
                ac.presentationContexts.add(PresentationContext.accepted(pc.id(), pc.abstractSyntax(), ts));
                accepted.put(pc.id(), ts);
            } else {
                ac.presentationContexts.add(PresentationContext.rejected(pc.id(), pc.abstractSyntax(),
                        known ? PresentationContext.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED
                                : PresentationContext.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED));
            }
        }
        if (rq.maxOperationsInvoked != null) {
            ac.maxOperationsInvoked = 1;
            ac.maxOperationsPerformed = 1;
        }
        return ac;
    }

    /** Runs {@code task} on {@code worker} within the time limit and judges the outcome against {@link #ALLOWED}. */
    static Outcome run(ExecutorService worker, Callable<?> task, long timeoutMillis) {
        Future<?> f = worker.submit(task);
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new Outcome(Verdict.CONSUMED, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(Verdict.HANG, new TimeoutException("no result within " + timeoutMillis + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Class<? extends Throwable> ok : ALLOWED) {
                if (ok.isInstance(cause)) {
                    return new Outcome(Verdict.REJECTED, cause);
                }
            }
            return new Outcome(Verdict.CRASH, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static ExecutorService newWorker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
