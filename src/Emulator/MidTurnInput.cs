using System.Collections.Generic;
using ProtocolCore.Models;

namespace ProtocolCore.Emulator;

/// <summary>A <c>response.steer</c> (with the id the emulator gave it) or a <c>response.inject</c> posted to a running response.</summary>
internal sealed record MidTurnInput(bool Inject, string? SteerId, List<InputItem> Items);
