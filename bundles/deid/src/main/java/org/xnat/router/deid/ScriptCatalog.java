package org.xnat.router.deid;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The DicomEdit scripts shipped with the router (an OSGi service of the deid bundle); they are read-only. */
@ProviderType
public interface ScriptCatalog {

    /** Names of the built-in scripts, e.g. {@code hipaa_standard}. */
    List<String> builtinNames();

    /** The text of a built-in script. */
    Optional<String> builtinText(String name);
}
