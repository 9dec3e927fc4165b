/** Uploads, safe archive extraction and the per-route storage area (implementation; nothing exported). */
package org.xnat.router.storage.internal;
