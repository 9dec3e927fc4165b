/** {@code /api/whoami}: the caller's key name and role (implementation; nothing exported). */
package org.xnat.router.rest.admin.internal.session;
