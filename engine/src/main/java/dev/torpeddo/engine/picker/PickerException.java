package dev.torpeddo.engine.picker;

/** A peer told us something about its pieces that cannot be true for this torrent (bad index or size). */
public final class PickerException extends Exception {
    public PickerException(String message) {
        super(message);
    }
}
