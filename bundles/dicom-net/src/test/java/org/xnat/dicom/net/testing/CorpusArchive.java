package org.xnat.dicom.net.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.scp.QueryProvider;
import org.xnat.dicom.net.scp.QueryRequest;
import org.xnat.dicom.net.scp.RetrievableInstance;
import org.xnat.dicom.net.scp.RetrieveProvider;
import org.xnat.dicom.net.scp.RetrieveRequest;

/** A toy archive over the corpus for SCP tests: single-value matching on the four unique keys. */
public final class CorpusArchive implements QueryProvider, RetrieveProvider {
    public record Item(Path file, Attributes header, Corpus.Entry entry) {
    }

    private static final int[] UNIQUE_KEYS = {Tag.PatientID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID};

    private final List<Item> items = new ArrayList<>();

    public CorpusArchive() throws IOException {
        Map<String, Corpus.Entry> first = new LinkedHashMap<>();
        for (Corpus.Entry e : Corpus.part10Files()) {
            first.putIfAbsent(e.header().sopInstanceUid(), e);
        }
        for (Corpus.Entry e : first.values()) {
            try (DicomReader r = DicomReader.open(e.file(), ReadOptions.defaults().stopBeforePixelData(true))) {
                Attributes h = r.readDataset();
                if (h.getString(Tag.StudyInstanceUID) != null && h.getString(Tag.SeriesInstanceUID) != null) {
                    items.add(new Item(e.file(), h, e));
                }
            } catch (IOException ex) {
                // unreadable header: not part of the archive
            }
        }
    }

    public List<Item> items() {
        return items;
    }

    public List<Item> select(Attributes keys) {
        return items.stream().filter(i -> matches(i.header(), keys)).toList();
    }

    private static boolean matches(Attributes h, Attributes keys) {
        for (int tag : UNIQUE_KEYS) {
            String k = keys.getString(tag);
            if (k != null && !k.isEmpty() && !k.equals(h.getString(tag))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Stream<Attributes> query(QueryRequest request) throws DimseException {
        Attributes keys = request.identifier();
        String level = keys.getString(Tag.QueryRetrieveLevel);
        int unique = switch (level == null ? "" : level.strip()) {
            case "PATIENT" -> Tag.PatientID;
            case "STUDY" -> Tag.StudyInstanceUID;
            case "SERIES" -> Tag.SeriesInstanceUID;
            case "IMAGE" -> Tag.SOPInstanceUID;
            default -> throw new DimseException(DimseStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "bad level " + level);
        };
        Map<String, Attributes> out = new LinkedHashMap<>();
        for (Item i : select(keys)) {
            String u = i.header().getString(unique, "");
            out.computeIfAbsent(u, x -> {
                Attributes a = new Attributes();
                for (int tag : keys.tags()) {
                    String v = i.header().getString(tag);
                    if (tag == Tag.QueryRetrieveLevel) {
                        a.setString(tag, keys.getVR(tag), level);
                    } else if (v != null) {
                        a.setString(tag, keys.getVR(tag), v);
                    } else {
                        a.setNull(tag, keys.getVR(tag));
                    }
                }
                return a;
            });
        }
        return out.values().stream();
    }

    @Override
    public List<RetrievableInstance> locate(RetrieveRequest request) {
        return select(request.identifier()).stream().map(i -> {
            try {
                return RetrievableInstance.ofPart10File(i.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
