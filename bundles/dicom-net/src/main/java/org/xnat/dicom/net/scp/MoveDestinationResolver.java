package org.xnat.dicom.net.scp;

import java.util.Optional;

import org.xnat.dicom.net.RemoteAe;

/** Maps a C-MOVE destination AE title to its address; empty answers A801H (move destination unknown). */
@FunctionalInterface
public interface MoveDestinationResolver {
    Optional<RemoteAe> resolve(String moveDestinationAeTitle);
}
