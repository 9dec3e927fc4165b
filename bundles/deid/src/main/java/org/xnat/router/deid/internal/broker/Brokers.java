package org.xnat.router.deid.internal.broker;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;

/** Makes the honest broker an entry of {@code honest_brokers:} describes: {@code local} (default) or {@code remote}. */
public final class Brokers {

    private static final Logger LOG = LoggerFactory.getLogger(Brokers.class);

    private Brokers() {
    }

    /** {@code broker_type}, else the configuration's type unless it is a processor type; {@code local} by default. */
    public static String type(ComponentConfig config) {
        String type = config.getString("broker_type", null);
        if (type == null && !HonestBrokerProcessorFactory.TYPE.equals(config.type()) && !"dicomedit".equals(config.type())) {
            type = config.type();
        }
        return type == null ? "local" : type.strip().toLowerCase(Locale.ROOT);
    }

    /** @param field prefix of field names in problems, e.g. {@code "honest_broker."} */
    public static void validate(ComponentConfig config, String field) throws InvalidConfigurationException {
        switch (type(config)) {
            case "local" -> BrokerSettings.parse(config, field);
            case RemoteBrokerSettings.TYPE -> RemoteBrokerSettings.parse(config, field);
            default -> throw unknown(config, field);
        }
    }

    public static HonestBroker create(ComponentConfig config, String field, Crosswalk crosswalk)
            throws InvalidConfigurationException {
        return switch (type(config)) {
            case "local" -> HonestBrokerProcessorFactory.broker(BrokerSettings.parse(config, field), crosswalk);
            case RemoteBrokerSettings.TYPE -> {
                RemoteBrokerSettings s = RemoteBrokerSettings.parse(config, field);
                if (s.scheme().equals("http")) {
                    LOG.warn("Honest broker '{}' talks plain http: credentials and identifiers cross the network"
                            + " unencrypted (use https outside tests)", s.name());
                }
                try {
                    yield new RemoteHonestBroker(s, crosswalk);
                } catch (NoClassDefFoundError e) {
                    throw new InvalidConfigurationException(ConfigProblem.of(field + "broker_type", "remote brokers need"
                            + " Jackson (com.fasterxml.jackson.databind), which is not installed"));
                }
            }
            default -> throw unknown(config, field);
        };
    }

    private static InvalidConfigurationException unknown(ComponentConfig config, String field) {
        return new InvalidConfigurationException(ConfigProblem.of(field + "broker_type", "'" + type(config)
                + "' brokers are not supported; use local or remote"));
    }
}
