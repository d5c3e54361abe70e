namespace FunctionsSender.StudioSimulator;

/// <summary>Credentials and flow sids the simulator uses when settings leave them unset.</summary>
public static class StudioSimulatorDefaults
{
    /// <summary>Account SID accepted when <c>StudioSimulator:AccountSid</c> is unset ("AC" + 32 × "a").</summary>
    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>Auth token accepted when <c>StudioSimulator:AuthToken</c> is unset.</summary>
    public const string AuthToken = "simulator-auth-token";

    /// <summary>A well-formed sample flow sid for SMS one-time passwords.</summary>
    public const string SmsFlowSid = "FW11111111111111111111111111111111";

    /// <summary>A well-formed sample flow sid for voice one-time passwords.</summary>
    public const string VoiceFlowSid = "FW22222222222222222222222222222222";

    /// <summary>Configuration section holding every simulator setting.</summary>
    public const string ConfigurationSection = "StudioSimulator";
}
