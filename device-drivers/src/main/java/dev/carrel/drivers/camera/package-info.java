/**
 * QR codes from a camera: frames from a {@link dev.carrel.drivers.camera.FrameSource} (a JPEG file,
 * or an MJPEG HTTP stream such as a Pi camera behind {@code mjpg-streamer}) decoded with ZXing.
 */
package dev.carrel.drivers.camera;
