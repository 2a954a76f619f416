package dev.estserver.service.admin;

import java.time.Instant;
import java.util.List;

/**
 * One page of the registrations changed since a time, oldest change first.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 * @param asOf       when the server read the first page of this listing (every page answers the same): ask again
 *                   with {@code changedSince} a few seconds before it. A change is stamped when its transaction wrote
 *                   it, not when it committed, so one committing during this reading may be stamped earlier than
 *                   asOf and still not be in it.
 */
public record ChangesPage(List<RegistrationView> items, String nextCursor, Instant asOf) {
}
