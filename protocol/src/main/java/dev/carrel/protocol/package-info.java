/** Carrel protocol. */
package dev.carrel.protocol;
