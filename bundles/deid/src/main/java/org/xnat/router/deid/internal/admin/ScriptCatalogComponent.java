package org.xnat.router.deid.internal.admin;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.xnat.router.deid.ScriptCatalog;
import org.xnat.router.deid.internal.dicomedit.BuiltinScripts;

/** The {@link ScriptCatalog} service over the scripts packed in this bundle. */
@Component(service = ScriptCatalog.class)
public final class ScriptCatalogComponent implements ScriptCatalog {

    @Override
    public List<String> builtinNames() {
        return BuiltinScripts.NAMES;
    }

    @Override
    public Optional<String> builtinText(String name) {
        return Optional.ofNullable(name == null ? null : BuiltinScripts.text(name));
    }
}
