package org.xnat.router.storage.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeExtractorTest {

    @TempDir
    Path tmp;

    /** Where archives are built (outside the area). */
    Path in;
    /** The upload work area: the only place extraction may write. */
    Path area;
    Path target;

    @BeforeEach
    void layout() throws IOException {
        in = Files.createDirectory(tmp.resolve("in"));
        Path deep = Files.createDirectories(tmp.resolve("a/b/c"));
        area = Files.createDirectory(deep.resolve("area"));
        target = area.resolve("x1");
    }

    private ExtractionResult extract(Path archive, ArchiveLimits limits) throws Exception {
        ArchiveFormat f = ArchiveFormat.detect(archive, archive.getFileName().toString()).orElseThrow();
        return new SafeExtractor(limits).extract(archive, f, target);
    }

    /** Every path under {@code tmp}, relative. */
    private Set<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.map(p -> tmp.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Extraction refused with a message containing {@code expected}; the file system is as before. */
    private UploadRefusedException refused(Path archive, ArchiveLimits limits, String expected) throws Exception {
        Set<String> before = tree();
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(UploadRefusedException.class,
                () -> extract(archive, limits));
        assertThat(t.getMessage()).contains(expected);
        assertThat(tree()).as("nothing written anywhere, nothing left in the area").isEqualTo(before);
        assertThat(target).doesNotExist();
        return (UploadRefusedException) t;
    }

    @Test
    void extractsZipTarAndTgzWithFolders() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(1).nextBytes(big);
        Path zip = Archives.zip(in.resolve("good.zip"), z -> {
            z.putArchiveEntry(new ZipArchiveEntry("study/"));
            z.closeArchiveEntry();
            Archives.zipFile(z, "study/series 1/a.dcm", "A");
            Archives.zipFile(z, "./study/b.dcm", big);
        });
        ExtractionResult r = extract(zip, ArchiveLimits.defaults());
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(1 + big.length);
        assertThat(target.resolve("study/series 1/a.dcm")).hasContent("A");
        assertThat(Files.readAllBytes(target.resolve("study/b.dcm"))).isEqualTo(big);

        for (boolean gz : new boolean[] {false, true}) {
            FileTrees.delete(target);
            // named .bin on purpose: the format is found from the bytes
            Path tar = Archives.tar(in.resolve("good-" + gz + ".bin"), gz, t -> {
                Archives.tarFile(t, "d1/d2/one.dcm", "one");
                Archives.tarFile(t, "d1/" + "long-name-".repeat(15) + ".dcm", "two");
            });
            assertThat(ArchiveFormat.detect(tar, "x.bin")).contains(gz ? ArchiveFormat.TAR_GZ : ArchiveFormat.TAR);
            r = extract(tar, ArchiveLimits.defaults());
            assertThat(r.files()).isEqualTo(2);
            assertThat(target.resolve("d1/d2/one.dcm")).hasContent("one");
            assertThat(target.resolve("d1/" + "long-name-".repeat(15) + ".dcm")).hasContent("two");
        }
        assertThat(area).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".part"));
    }

    @Test
    void detectsByMagicNotByName() throws Exception {
        Path zip = Archives.zip(in.resolve("really-a-zip.tar"), z -> Archives.zipFile(z, "a", "a"));
        assertThat(ArchiveFormat.detect(zip, "really-a-zip.tar")).contains(ArchiveFormat.ZIP);
        Path text = Files.writeString(in.resolve("notes.zip"), "just text, not an archive");
        assertThat(ArchiveFormat.detect(text, "notes.zip")).isEmpty();
        byte[] dicom = new byte[300];
        dicom[0] = 'P';
        dicom[1] = 'K';
        dicom[2] = 3;
        dicom[3] = 4; // a preamble that looks like a ZIP: still DICOM
        dicom[128] = 'D';
        dicom[129] = 'I';
        dicom[130] = 'C';
        dicom[131] = 'M';
        assertThat(ArchiveFormat.detect(Files.write(in.resolve("x.dcm"), dicom), "x.zip")).isEmpty();
    }

    @Test
    void zipSlipIsRefusedInZipAndTar() throws Exception {
        Path zip = Archives.zip(in.resolve("slip.zip"), z -> {
            Archives.zipFile(z, "fine.txt", "fine");
            Archives.zipFile(z, "../../evil", "evil");
        });
        refused(zip, ArchiveLimits.defaults(), "entry '../../evil' escapes the target directory");
        Path tar = Archives.tar(in.resolve("slip.tar"), false, t -> {
            Archives.tarFile(t, "fine.txt", "fine");
            Archives.tarFile(t, "sub/../../../evil", "evil");
        });
        refused(tar, ArchiveLimits.defaults(), "entry 'sub/../../../evil' escapes");
        assertThat(tmp.resolve("a/b/evil")).doesNotExist();
        assertThat(tmp.resolve("a/evil")).doesNotExist();
    }

    @Test
    void absolutePathsDriveLettersAndBackslashesAreRefused() throws Exception {
        String abs = "/tmp/x-" + UUID.randomUUID();
        Path zip = Archives.zip(in.resolve("abs.zip"), z -> Archives.zipFile(z, abs, "evil"));
        refused(zip, ArchiveLimits.defaults(), "entry '" + abs + "' is an absolute path");
        assertThat(Path.of(abs)).doesNotExist();
        Path tar = Archives.tar(in.resolve("abs.tar"), false, t -> Archives.tarFile(t, "/tmp/x", "evil"));
        // TarArchiveEntry strips a leading '/' when it is written; what reaches us is a relative name. The drive
        // letter and the backslash, though, are kept:
        Path drive = Archives.zip(in.resolve("drive.zip"), z -> Archives.zipFile(z, "C:/Windows/evil", "evil"));
        refused(drive, ArchiveLimits.defaults(), "entry 'C:/Windows/evil' starts with a drive letter");
        // a DOS-made entry without '/' has its backslashes read as separators: then '..' is caught
        Path dos = Archives.zip(in.resolve("dos.zip"), z -> Archives.zipFile(z, "..\\..\\evil", "evil"));
        refused(dos, ArchiveLimits.defaults(), "entry '../../evil' escapes");
        Path back = Archives.zip(in.resolve("back.zip"), z -> Archives.zipFile(z, "ok/..\\..\\evil", "evil"));
        refused(back, ArchiveLimits.defaults(), "entry 'ok/..\\..\\evil' has a backslash in its name");
        assertThat(tar).exists();
    }

    @Test
    void symbolicLinksAreRefusedInTarAndZip() throws Exception {
        Path tar = Archives.tar(in.resolve("link.tar"), false, t -> {
            Archives.tarSpecial(t, "passwd", Archives.SYMLINK, "/etc/passwd");
            Archives.tarFile(t, "passwd", "overwrite through the link");
        });
        refused(tar, ArchiveLimits.defaults(), "entry 'passwd' is a symbolic link");

        Path zip = Archives.zip(in.resolve("link.zip"), z -> {
            ZipArchiveEntry e = new ZipArchiveEntry("up");
            e.setUnixMode(0120777);
            z.putArchiveEntry(e);
            z.write("../..".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        });
        refused(zip, ArchiveLimits.defaults(), "entry 'up' is a symbolic link");
    }

    @Test
    void hardLinksDevicesAndFifosAreRefused() throws Exception {
        Path hard = Archives.tar(in.resolve("hard.tar"), false, t -> Archives.tarSpecial(t, "h", Archives.HARDLINK, "/etc/shadow"));
        refused(hard, ArchiveLimits.defaults(), "entry 'h' is a hard link");
        Path fifo = Archives.tar(in.resolve("fifo.tar"), false, t -> Archives.tarSpecial(t, "f", Archives.FIFO, null));
        refused(fifo, ArchiveLimits.defaults(), "entry 'f' is a device or FIFO");
        Path dev = Archives.tar(in.resolve("dev.tgz"), true, t -> Archives.tarSpecial(t, "d", Archives.CHARDEV, null));
        refused(dev, ArchiveLimits.defaults(), "entry 'd' is a device or FIFO");
        Path zipFifo = Archives.zip(in.resolve("fifo.zip"), z -> {
            ZipArchiveEntry e = new ZipArchiveEntry("p");
            e.setUnixMode(0010644);
            z.putArchiveEntry(e);
            z.closeArchiveEntry();
        });
        refused(zipFifo, ArchiveLimits.defaults(), "entry 'p' is a device, FIFO or socket");
    }

    @Test
    void zipBombIsRefusedByTheEntryRatio() throws Exception {
        Path bomb = Archives.zip(in.resolve("bomb.zip"), z -> Archives.zipZeros(z, "zeros.dcm", 200L << 20));
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        UploadRefusedException e = refused(bomb, ArchiveLimits.defaults(), "entry 'zeros.dcm' expands more than 100 times");
        assertThat(e.tooLarge()).isFalse();
    }

    @Test
    void manySmallCompressibleEntriesAreRefusedByTheOverallRatio() throws Exception {
        // each entry stays below the 1 MiB the per-entry ratio needs; together they are a bomb
        Path bomb = Archives.zip(in.resolve("spread.zip"), z -> {
            for (int i = 0; i < 60; i++) {
                Archives.zipZeros(z, "part" + i, 900_000);
            }
        });
        refused(bomb, ArchiveLimits.defaults(), "the archive expands more than 100 times its size");
    }

    @Test
    void totalSizeCapCountsBytesWrittenNotDeclared() throws Exception {
        byte[] random = new byte[1 << 20];
        new java.util.Random(2).nextBytes(random);
        Path zip = Archives.zip(in.resolve("big.zip"), z -> {
            for (int i = 0; i < 5; i++) {
                Archives.zipFile(z, "f" + i, random);
            }
        });
        ArchiveLimits small = ArchiveLimits.defaults().withBudget(3L << 20, 1000);
        UploadRefusedException e = refused(zip, small, "the upload expands to more than 3145728 bytes (refused at entry 'f3')");
        assertThat(e.tooLarge()).isTrue();
        // the same cap with a bomb and a generous ratio: the cap still holds
        Path bomb = Archives.zip(in.resolve("bomb2.zip"), z -> Archives.zipZeros(z, "zeros", 50L << 20));
        ArchiveLimits lenient = new ArchiveLimits(10L << 20, 100, 1e9, 1e9, 0, 1024, 32);
        refused(bomb, lenient, "more than 10485760 bytes");
    }

    @Test
    void tarWithOneHundredThousandEntriesIsRefused() throws Exception {
        Path tar = Archives.tar(in.resolve("many.tar"), false, t -> {
            for (int i = 0; i < 100_000; i++) {
                Archives.tarFile(t, "d" + (i / 1000) + "/f" + i, new byte[0]);
            }
        });
        UploadRefusedException e = refused(tar, ArchiveLimits.defaults(),
                "the archive has more than 50000 entries (refused at entry 'd50/f50000')");
        assertThat(e.tooLarge()).isTrue();
    }

    @Test
    void duplicateEntriesDeepPathsAndGzipWithoutTarAreRefused() throws Exception {
        Path dup = Archives.zip(in.resolve("dup.zip"), z -> {
            Archives.zipFile(z, "a/b", "1");
            Archives.zipFile(z, "a//b", "2");
        });
        refused(dup, ArchiveLimits.defaults(), "entry 'a//b' appears twice");
        Path deep = Archives.zip(in.resolve("deep.zip"), z -> Archives.zipFile(z, "d/".repeat(40) + "f", "x"));
        refused(deep, ArchiveLimits.defaults(), "is nested deeper than 32 levels");
        Path gz = in.resolve("single.dcm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("not a tar at all".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        refused(gz, ArchiveLimits.defaults(), "a gzip file that does not hold a TAR archive");
        Path truncated = in.resolve("cut.zip");
        byte[] whole = Files.readAllBytes(Archives.zip(in.resolve("whole.zip"), z -> Archives.zipFile(z, "a", "aaaa")));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 10));
        refused(truncated, ArchiveLimits.defaults(), "not a readable ZIP archive");
    }

    @Test
    void hugeGnuLongNameIsRefusedBeforeItIsRead() throws Exception {
        Path tar = Archives.tar(in.resolve("longname.tar"), false, t -> {
            t.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
            Archives.tarFile(t, "n/".repeat(100_000) + "f", "x");
        });
        refused(tar, ArchiveLimits.defaults(), "a GNU long name of 200002 bytes (at most 65536)");
    }

    @Test
    void entryNames() throws Exception {
        ArchiveLimits l = ArchiveLimits.defaults();
        assertThat(EntryNames.sanitize("./a//b/./c", "entry", l)).isEqualTo(List.of("a", "b", "c"));
        assertThat(EntryNames.sanitize("./", "entry", l)).isEmpty();
        assertThatThrownBy(() -> EntryNames.sanitize("a/../b", "entry", l)).hasMessageContaining("escapes");
        assertThatThrownBy(() -> EntryNames.sanitize("a\u0000b", "entry", l)).hasMessageContaining("control character")
                .hasMessageContaining("a\\x00b");
        assertThatThrownBy(() -> EntryNames.sanitize("x".repeat(2000), "file", l))
                .hasMessageContaining("file '").hasMessageContaining("longer than 1024 characters");
        assertThatThrownBy(() -> EntryNames.sanitize("c:evil", "entry", l)).hasMessageContaining("drive letter");
    }
}
