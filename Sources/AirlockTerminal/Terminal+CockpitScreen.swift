import AirlockTUI

/// The ncurses terminal is the screen the cockpit's loop draws on and reads keys from.
extension Terminal: CockpitScreen {}
