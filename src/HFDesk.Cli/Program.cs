using HFDesk.Cli;

return await HfDeskCommandApp.Create().RunAsync(args);
