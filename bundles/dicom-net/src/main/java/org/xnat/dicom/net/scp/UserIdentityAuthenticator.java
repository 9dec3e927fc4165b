package org.xnat.dicom.net.scp;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.xnat.dicom.net.UserIdentity;

/**
 * Checks the user identity of an A-ASSOCIATE-RQ (PS3.7 D.3.3.7). An empty answer rejects the
 * association (permanent, service-user, no reason given). Implementations must not log the passcode.
 */
@FunctionalInterface
public interface UserIdentityAuthenticator {

    /** An accepted identity: the principal name, and the server response (may be empty) if one was requested. */
    record Authentication(String principal, byte[] serverResponse) {
        public Authentication(String principal) {
            this(principal, new byte[0]);
        }
    }

    Optional<Authentication> authenticate(UserIdentity identity, String callingAeTitle, InetSocketAddress remoteAddress);
}
