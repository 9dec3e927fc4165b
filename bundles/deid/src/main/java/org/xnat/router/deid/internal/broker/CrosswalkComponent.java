package org.xnat.router.deid.internal.broker;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crosswalk the processors of this bundle share: in the router database when there is one (the component
 * is re-created when it appears), else in memory with a warning (mappings then end with the process).
 */
@Component(service = Crosswalk.class)
public final class CrosswalkComponent implements Crosswalk {

    private static final Logger LOG = LoggerFactory.getLogger(CrosswalkComponent.class);

    private final Crosswalk delegate;

    @Activate
    public CrosswalkComponent(@Reference(target = "(dataSourceName=router)", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) DataSource dataSource) {
        if (dataSource == null) {
            LOG.warn("No router database: honest broker crosswalks are kept in memory and lost at restart");
            this.delegate = new InMemoryCrosswalk();
        } else {
            this.delegate = new JdbcCrosswalk(dataSource);
        }
    }

    @Override
    public String find(String broker, IdType type, String original) throws CrosswalkException {
        return delegate.find(broker, type, original);
    }

    @Override
    public String resolve(String broker, IdType type, String original, Generator generator) throws CrosswalkException {
        return delegate.resolve(broker, type, original, generator);
    }

    @Override
    public void list(String broker, IdType type, Sink sink) throws CrosswalkException, java.io.IOException {
        delegate.list(broker, type, sink);
    }

    @Override
    public Page search(String broker, IdType type, String query, int limit, int offset)
            throws CrosswalkException, java.io.IOException {
        return delegate.search(broker, type, query, limit, offset);
    }
}
