package org.xnat.router.api.filter;

import org.osgi.annotation.versioning.ConsumerType;
import org.xnat.dicom.data.Attributes;

/**
 * Decides from an instance's header (everything before the pixel data) what a route does with
 * it. Must be fast and side-effect free: it runs for every received instance.
 */
@ConsumerType
public interface RouteFilter {

    /**
     * @param header the instance's attributes up to, not including, the pixel data
     * @param context where the instance came from
     */
    FilterDecision decide(Attributes header, RouteContext context);
}
