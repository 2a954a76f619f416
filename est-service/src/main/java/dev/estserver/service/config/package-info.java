/**
 * The {@code @ConfigMapping} interfaces of every {@code est.*} property, and the startup order; no other class
 * reads raw properties.
 */
package dev.estserver.service.config;
