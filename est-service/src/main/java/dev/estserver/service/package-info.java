/**
 * The EST service: certificate enrollment over RFC 7030 (and, later, other protocols) for devices that keep their
 * keys. This package holds only the entry point that turns a refused start into one line; each concept has a
 * package of its own below.
 */
package dev.estserver.service;
