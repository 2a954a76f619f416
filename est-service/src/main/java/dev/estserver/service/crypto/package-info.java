/**
 * Which cryptographic providers the service computes with: AWS-LC through the Amazon Corretto Crypto Provider
 * where its native library loads, the JDK's and BouncyCastle's providers otherwise or when configured so
 * ({@code est.crypto.provider}). The choice is made once at startup for the whole process, as the JCA provider list
 * the TLS stack reads is itself process-wide; CSR checks and CA signatures ask {@link
 * dev.estserver.service.crypto.CryptoProviders#active()} for their providers, and the choice is reported per
 * operation in health and metrics.
 */
package dev.estserver.service.crypto;
