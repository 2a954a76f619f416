/**
 * Certificate profiles per label: validity, key usage and EKU, accepted keys, subject and SAN rules, CSR
 * attributes, the authentication methods a label accepts, approval, server key generation and duplicate-device
 * handling, and the checks of a CSR against them.
 */
package dev.estserver.service.policy;
